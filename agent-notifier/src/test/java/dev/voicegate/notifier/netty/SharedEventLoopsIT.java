package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.auth.LocalTokenService;
import dev.voicegate.notifier.config.NotifierConfig;
import dev.voicegate.notifier.config.NotifierLimits;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent server on given (shared) event loops serves on them and leaves them to their owner on close. */
class SharedEventLoopsIT {

    @Test
    void aServerOnGivenEventLoopsLeavesThemRunningForTheNextServer() throws Exception {
        EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("shared-accept"));
        EventLoopGroup workers = new NioEventLoopGroup(1, new DefaultThreadFactory("shared-io"));
        try {
            for (int round = 0; round < 2; round++) {
                AgentNotifierServer server = AgentNotifierServer.builder()
                        .config(NotifierConfig.loopbackEphemeral(NotifierLimits.defaults()))
                        .tokenValidator(new LocalTokenService(NotifierHarness.SECRET, Clock.systemUTC()))
                        .commandListener((who, cmd) -> CompletableFuture.completedFuture(CommandOutcome.ok()))
                        .eventLoops(acceptor, workers, NioServerSocketChannel.class)
                        .build().start();
                try {
                    HttpResponse<String> app = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.boundPort() + "/agent/")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(app.statusCode()).isEqualTo(200);
                } finally {
                    server.close();
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
