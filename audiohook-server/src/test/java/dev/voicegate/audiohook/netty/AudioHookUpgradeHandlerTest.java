package dev.voicegate.audiohook.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.auth.ApiKeyConfig;
import dev.voicegate.audiohook.auth.AuthConfig;
import dev.voicegate.audiohook.auth.RequestAuthenticator;
import dev.voicegate.audiohook.auth.RequestSigner;
import dev.voicegate.audiohook.config.AudioHookServerConfig;
import dev.voicegate.audiohook.config.AuthMode;
import dev.voicegate.audiohook.config.ServerLimits;
import dev.voicegate.audiohook.config.SessionConfig;
import dev.voicegate.audiohook.session.AudioHookMetrics;
import dev.voicegate.audiohook.session.ServerSessionFactory;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upgrade/auth stage on an EmbeddedChannel with frozen time. */
class AudioHookUpgradeHandlerTest {

    private static final String KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    private static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    private static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    private static final String PATH = "/api/v1/audiohook/ws";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServerContext server;
    private final EmbeddedChannel ch = new EmbeddedChannel();

    AudioHookUpgradeHandlerTest() {
        AuthConfig auth = AuthConfig.of(List.of(new ApiKeyConfig(KEY, SECRET)));
        AudioHookServerConfig config = new AudioHookServerConfig("127.0.0.1", 0, PATH, auth, AuthMode.REQUEST,
                ServerLimits.defaults().withMaxSessions(1), SessionConfig.defaults(), Duration.ZERO, Duration.ofSeconds(1));
        ServerSessionFactory sessions = new ServerSessionFactory(config.session(),
                (s, i) -> CompletableFuture.completedFuture(OpenDecision.resume()), new AudioHookMetrics(registry),
                clock.ticker());
        server = new ServerContext(config, sessions, new RequestAuthenticator(auth, clock),
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE), clock.ticker());
        ch.freezeTime();
        ch.pipeline().addLast(AudioHookServerInitializer.HTTP_CODEC, new HttpServerCodec())
                .addLast(AudioHookServerInitializer.HTTP_AGGREGATOR, new HttpObjectAggregator(8192))
                .addLast(AudioHookServerInitializer.UPGRADE, new AudioHookUpgradeHandler(server));
    }

    @AfterEach
    void release() {
        ch.finishAndReleaseAll();
    }

    private String request(String path, Map<String, String> extra, boolean websocket) {
        StringBuilder sb = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: audiohook.example.com\r\n");
        if (websocket) {
            sb.append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        }
        extra.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        return sb.append("\r\n").toString();
    }

    private Map<String, String> signed(String secret) {
        String sid = UUID.randomUUID().toString();
        String corr = UUID.randomUUID().toString();
        Map<String, String> h = new java.util.LinkedHashMap<>(Map.of("Audiohook-Organization-Id", ORG,
                "Audiohook-Session-Id", sid, "Audiohook-Correlation-Id", corr, "X-API-KEY", KEY));
        h.putAll(RequestSigner.sign(PATH, "audiohook.example.com", ORG, sid, corr, KEY, secret, clock));
        return h;
    }

    private String send(String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.US_ASCII));
        return response();
    }

    private String response() {
        StringBuilder sb = new StringBuilder();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            sb.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void wrongPathIsNotFound() {
        assertThat(send(request("/other", signed(SECRET), true))).startsWith("HTTP/1.1 404");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void plainHttpIsABadRequest() {
        assertThat(send(request(PATH, signed(SECRET), false))).startsWith("HTTP/1.1 400");
    }

    @Test
    void missingSessionIdIsABadRequest() {
        Map<String, String> h = signed(SECRET);
        h.remove("Audiohook-Session-Id");
        assertThat(send(request(PATH, h, true))).startsWith("HTTP/1.1 400").contains("Audiohook-Session-Id");
    }

    @Test
    void notAcceptingIsServiceUnavailable() {
        server.accepting = false;
        assertThat(send(request(PATH, signed(SECRET), true))).startsWith("HTTP/1.1 503");
    }

    @Test
    void authenticationFailureIsAnswered401OnlyAfterTheMinimumDelay() {
        assertThat(send(request(PATH, signed("d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC0xMjM0NTY="), true))).isEmpty();
        ch.advanceTimeBy(499, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(response()).isEmpty();
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(response()).startsWith("HTTP/1.1 401").contains("Signature verification failed");
        assertThat(server.admission.active()).isZero();
        assertThat(registry.find("voicegate.audiohook.rejections").tag("reason", "unauthorized").counter().count())
                .isEqualTo(1);
    }

    @Test
    void validRequestUpgradesAndInstallsTheNamedStages() {
        assertThat(send(request(PATH, signed(SECRET), true))).startsWith("HTTP/1.1 101");
        assertThat(ch.pipeline().names()).contains(AudioHookServerInitializer.WS_AGGREGATOR,
                AudioHookServerInitializer.IDLE, AudioHookServerInitializer.SESSION)
                .doesNotContain(AudioHookServerInitializer.UPGRADE);
        assertThat(server.admission.active()).isEqualTo(1);
        ch.close();
        assertThat(server.admission.active()).isZero();
    }
}
