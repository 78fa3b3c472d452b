package dev.voicegate.core.e2e;

import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.core.GatewayResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gated gateway with every component (Genesys client against the fake, directory, correlator, store,
 * engine, agent app, AudioHook, admin) runs on the shared resources only, and leaves no thread behind.
 */
class SharedResourcesIT {
    private static final Duration T = Duration.ofSeconds(60);
    /** Names of threads the gateway's components create (their own loops or the shared ones). */
    private static final List<String> GATEWAY_PREFIXES = List.of("voicegate-", "audiohook-", "agent-notifier-",
            "genesys-client");
    /** Threads the components made before the shared resources existed (their own loops): none may appear. */
    private static final java.util.regex.Pattern OWN_LOOPS = java.util.regex.Pattern.compile(
            "(audiohook-|agent-notifier-|voicegate-admin-\\d|voicegate-timers-\\d|voicegate-store-\\d|genesys-client).*");

    @TempDir
    Path dataDir;

    @Test
    void everyServerAndTheGenesysClientRunOnTheSharedThreadsAndNoneOutlivesClose() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        TxFixture f = new TxFixture(dataDir, "none");
        try {
            String agent = f.agent("Ann");                       // REST and the notification socket via the client
            AgentWsClient app = f.app(agent);                    // agent server
            String conv = f.genesys.startCall(agent, "tel:+35315550111", "tel:+35315550999");
            AudioHookClient caller = f.callerWhenEventKnown(conv, PcmAudioSource.silence(8000L * 60));
            caller.opened().get(T.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);   // AudioHook server
            await().atMost(T).until(() -> app.sawConversation(conv));
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + f.gateway.adminPort() + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());                                  // admin server
            assertThat(ready.statusCode()).isEqualTo(200);

            Set<String> names = newThreads(before).stream().map(Thread::getName).collect(Collectors.toSet());
            assertThat(names).noneMatch(n -> OWN_LOOPS.matcher(n).matches());
            // three listening sockets, one acceptor thread: the servers share the acceptor group
            assertThat(names.stream().filter(n -> n.startsWith(GatewayResources.ACCEPT_THREADS))).hasSize(1);
            assertThat(names).anyMatch(n -> n.startsWith(GatewayResources.IO_THREADS))
                    .anyMatch(n -> n.startsWith(GatewayResources.SCHEDULER_THREAD));
        } finally {
            f.close();
        }
        await().atMost(T).untilAsserted(() -> assertThat(newThreads(before).stream().map(Thread::getName)
                .filter(n -> GATEWAY_PREFIXES.stream().anyMatch(n::startsWith))).isEmpty());
    }

    private static Set<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !before.contains(t))
                .collect(Collectors.toSet());
    }
}
