package dev.voicegate.audiohook.it;

import dev.voicegate.audiohook.auth.ApiKeyConfig;
import dev.voicegate.audiohook.auth.AuthConfig;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.netty.AudioHookServer;
import dev.voicegate.audiohook.netty.Transports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A started server on port 0 plus a client event loop group; close() stops both. */
final class ServerFixture implements AutoCloseable {

    static final String KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    static final String PATH = "/api/v1/audiohook/ws";

    final RecordingListener listener = new RecordingListener();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AudioHookServer server;
    final EventLoopGroup clients = Transports.group(1, "test-client");

    ServerFixture() {
        this(b -> b);
    }

    ServerFixture(UnaryOperator<AudioHookServer.Builder> customise) {
        AudioHookServer.Builder b = AudioHookServer.builder().host("127.0.0.1").port(0).path(PATH)
                .auth(AuthConfig.of(List.of(new ApiKeyConfig(KEY, SECRET), new ApiKeyConfig("unsigned-key", ""))))
                .listener(listener).meterRegistry(registry).ioThreads(1)
                .drainPeriod(Duration.ofMillis(200)).closeTimeout(Duration.ofSeconds(3));
        server = customise.apply(b).start();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + PATH);
    }

    AudioHookClientConfig.Builder clientConfig() {
        return AudioHookClientConfig.builder(uri()).organizationId(ORG).credentials(KEY, SECRET)
                .pings(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    AudioHookClient connect(AudioHookClientConfig config) {
        return AudioHookClient.connect(config, clients);
    }

    double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        server.close();
        clients.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
