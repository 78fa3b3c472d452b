package dev.voicegate.audiohook.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.PcmAudioSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing the server while its sessions are ending (the end of every load run: clients close, the
 * server is stopped): {@code close()} must neither throw nor stop half-way, and every session ends.
 */
class ShutdownWhileClosingIT {

    private static final int SESSIONS = 30;
    private static final long T = 30;

    @Test
    void serverClosesCleanlyWhileClientsAreClosingTheirSessions() throws Exception {
        ServerFixture f = new ServerFixture();
        try {
            List<AudioHookClient> clients = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                clients.add(f.connect(f.clientConfig().source(PcmAudioSource.tone(440, 30, 8000)).speed(5)
                        .closeAtEndOfSource(false).build()));
            }
            for (AudioHookClient c : clients) {
                c.opened().get(T, TimeUnit.SECONDS);
            }
            // Half of the clients close right now; the server is stopped while their sessions end.
            for (int i = 0; i < SESSIONS; i += 2) {
                clients.get(i).close();
            }
            assertThatCode(f.server::close).doesNotThrowAnyException();
            CompletableFuture.allOf(clients.stream().map(AudioHookClient::socketClosed)
                    .toArray(CompletableFuture<?>[]::new)).get(T, TimeUnit.SECONDS);
            assertThat(f.server.activeSessions()).isZero();
            for (AudioHookClient c : clients) {
                f.listener.of(f.listener.closed, c.sessionId()).get(T, TimeUnit.SECONDS);
            }
        } finally {
            f.close();
        }
    }
}
