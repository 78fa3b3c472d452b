package dev.voicegate.audiohook.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.netty.Transports;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A server given its event loops (the gateway's shared ones) serves on them and leaves them to their owner. */
class SharedEventLoopsIT {

    @Test
    void aServerOnGivenEventLoopsLeavesThemRunningForTheNextServer() throws Exception {
        EventLoopGroup acceptor = Transports.group(1, "shared-accept");
        EventLoopGroup workers = Transports.group(1, "shared-io");
        try {
            for (int round = 0; round < 2; round++) {
                try (ServerFixture f = new ServerFixture(b -> b.eventLoops(acceptor, workers, Transports.serverChannel()))) {
                    AtomicReference<String> openedOn = new AtomicReference<>();
                    f.listener.decide = info -> {
                        openedOn.set(Thread.currentThread().getName());     // the listener runs on the session's loop
                        return CompletableFuture.completedFuture(OpenDecision.resume());
                    };
                    AudioHookClient c = f.connect(f.clientConfig().build());
                    c.opened().get(30, TimeUnit.SECONDS);
                    assertThat(openedOn.get()).startsWith("shared-io-");
                    c.close();
                    c.socketClosed().get(30, TimeUnit.SECONDS);
                }
                assertThat(acceptor.isShuttingDown()).isFalse();
                assertThat(workers.isShuttingDown()).isFalse();
            }
        } finally {
            workers.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            acceptor.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
