package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.config.HandshakeLimits;
import dev.voicegate.notifier.engine.NotifierMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link HandshakeGuard} on an embedded channel with frozen time: every deadline is exact. */
class HandshakeGuardTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String GET = "GET /agent/app.js HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String UPGRADE = "GET /upgrade HTTP/1.1\r\nHost: x\r\n\r\n";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NotifierMetrics metrics = new NotifierMetrics(registry);
    private final PendingSources pending = new PendingSources(2, 100);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    /** Answers 101 to /upgrade and 200 (kept alive) to everything else, like the real handler does. */
    private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            HttpResponseStatus status = req.uri().equals("/upgrade") ? HttpResponseStatus.SWITCHING_PROTOCOLS
                    : HttpResponseStatus.OK;
            DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
            HttpUtil.setContentLength(res, 0);
            ctx.writeAndFlush(res);
        }
    }

    private EmbeddedChannel open() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(DefaultChannelId.newInstance(), false, false);
        ch.freezeTime();
        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                new HandshakeGuard(new HandshakeLimits(TIMEOUT, 2), pending, metrics), new Responder());
        ch.register();
        channels.add(ch);
        return ch;
    }

    private static void send(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private static void advance(EmbeddedChannel ch, Duration by) {
        ch.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
    }

    private double rejections(String reason) {
        var c = registry.find("voicegate.notifier.rejections").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @AfterEach
    void release() {
        for (EmbeddedChannel ch : channels) {
            for (Object o; (o = ch.readOutbound()) != null; ) {
                ReferenceCountUtil.release(o);
            }
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void headersTrickledByteByByteAreClosedAtTheTimeoutNotBefore() throws Exception {
        EmbeddedChannel ch = open();
        byte[] request = GET.getBytes(StandardCharsets.US_ASCII);
        long step = TIMEOUT.toNanos() / (request.length + 1);
        for (int i = 0; i < request.length - 1; i++) { // a byte every step: the deadline is not pushed back
            ch.writeInbound(Unpooled.wrappedBuffer(request, i, 1));
            advance(ch, Duration.ofNanos(step));
            assertThat(ch.isOpen()).as("open after byte %d", i).isTrue();
        }
        advance(ch, TIMEOUT.minusNanos(step * (request.length - 1) + 1));
        assertThat(ch.isOpen()).as("open 1 ns before the timeout").isTrue();
        advance(ch, Duration.ofNanos(1));
        assertThat(ch.isOpen()).isFalse();
        assertThat(rejections("handshake_timeout")).isEqualTo(1);
        assertThat(pending.sources()).as("the pending count is given back").isZero();
    }

    @Test
    void aSilentConnectionIsClosedAtTheTimeout() throws Exception {
        EmbeddedChannel ch = open();
        advance(ch, TIMEOUT);
        assertThat(ch.isOpen()).isFalse();
        assertThat(rejections("handshake_timeout")).isEqualTo(1);
    }

    @Test
    void aCompleteRequestEndsTheDeadlineAndAKeptAliveConnectionGetsANewOneForItsNextRequest() throws Exception {
        EmbeddedChannel ch = open();
        advance(ch, TIMEOUT.minusMillis(1));
        send(ch, GET);
        ByteBuf response = ch.readOutbound();
        try {
            assertThat(response.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        } finally {
            response.release();
        }
        assertThat(pending.pending("embedded")).isZero();
        advance(ch, TIMEOUT.minusMillis(1));
        assertThat(ch.isOpen()).as("the next request has a whole timeout from the response").isTrue();
        send(ch, "GET /agent/ HTTP/1.1\r\nHo");
        advance(ch, Duration.ofMillis(1));
        assertThat(ch.isOpen()).isFalse();
        assertThat(rejections("handshake_timeout")).isEqualTo(1);
    }

    @Test
    void aWebSocketUpgradeRemovesTheGuard() throws Exception {
        EmbeddedChannel ch = open();
        send(ch, UPGRADE);
        assertThat(ch.pipeline().get(HandshakeGuard.class)).isNull();
        advance(ch, TIMEOUT.multipliedBy(3));
        assertThat(ch.isOpen()).isTrue();
        assertThat(rejections("handshake_timeout")).isZero();
        assertThat(pending.sources()).isZero();
    }

    @Test
    void connectionsBeyondThePerSourceCapAreClosedAtOnceUntilOneHasSentItsRequest() throws Exception {
        EmbeddedChannel first = open();
        open();
        EmbeddedChannel third = open();
        assertThat(third.isOpen()).isFalse();
        assertThat(rejections("too_many_pending_connections")).isEqualTo(1);
        assertThat(pending.pending("embedded")).isEqualTo(2);

        send(first, GET); // no longer pending: a slot is free again
        assertThat(open().isOpen()).isTrue();
        assertThat(first.isOpen()).isTrue();
        assertThat(rejections("too_many_pending_connections")).isEqualTo(1);
    }
}
