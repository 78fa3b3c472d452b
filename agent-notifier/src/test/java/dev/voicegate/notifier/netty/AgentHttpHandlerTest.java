package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.auth.LocalTokenService;
import dev.voicegate.notifier.config.NotifierConfig;
import dev.voicegate.notifier.config.NotifierLimits;
import dev.voicegate.notifier.engine.Authorizer;
import dev.voicegate.notifier.engine.CommandDispatcher;
import dev.voicegate.notifier.engine.NotifierMetrics;
import dev.voicegate.notifier.engine.SubscriptionHub;
import dev.voicegate.notifier.protocol.WireCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Routing of plain HTTP on the agent port, on an {@link EmbeddedChannel}. */
class AgentHttpHandlerTest {

    private final EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(8192),
            new AgentHttpHandler(context()));

    @AfterEach
    void finish() {
        ch.finishAndReleaseAll();
    }

    @Test
    void appPageIsServedWithSecurityHeaders() {
        String res = exchange("GET /agent/ HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(res).startsWith("HTTP/1.1 200 OK").contains("content-type: text/html; charset=utf-8")
                .contains("frame-ancestors 'self' https://*.mypurecloud.com").contains("x-content-type-options: nosniff")
                .contains("<title>VoiceGate");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void headGetsHeadersWithoutABody() {
        String res = exchange("HEAD /agent/app.css HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(res).startsWith("HTTP/1.1 200 OK").contains("content-type: text/css").endsWith("\r\n\r\n");
    }

    @Test
    void unknownPathIsNotFound() {
        assertThat(exchange("GET /agent/app.js.map HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 Not Found");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void otherMethodsAreNotAllowed() {
        assertThat(exchange("POST /agent/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.1 405 Method Not Allowed");
    }

    @Test
    void rootRedirectsToTheAppKeepingTheQuery() {
        assertThat(exchange("GET /?conversationId=c1 HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 302 Found").contains("location: /agent/?conversationId=c1");
    }

    @Test
    void http10RequestIsAnsweredAndClosed() {
        assertThat(exchange("GET /agent/icon.svg HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 OK").contains("image/svg+xml");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void idleConnectionIsClosed() {
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(ch.isOpen()).isFalse();
    }

    private String exchange(String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out.toString();
    }

    private static ServerContext context() {
        NotifierConfig config = NotifierConfig.loopbackEphemeral(NotifierLimits.defaults());
        NotifierMetrics metrics = new NotifierMetrics(new SimpleMeterRegistry());
        WireCodec codec = new WireCodec();
        SubscriptionHub hub = new SubscriptionHub(codec, config.limits(), metrics, System::nanoTime);
        CommandDispatcher dispatcher = new CommandDispatcher((w, c) -> new CompletableFuture<>(), r -> { },
                new Authorizer(hub), new CommandDispatcher.Settings(Clock.systemUTC(), 10, java.time.Duration.ofSeconds(15), metrics));
        return new ServerContext(config, new LocalTokenService(NotifierHarness.SECRET, Clock.systemUTC()), hub, dispatcher,
                codec, metrics, new StaticAssets(), new DefaultChannelGroup(GlobalEventExecutor.INSTANCE),
                Clock.systemUTC());
    }
}
