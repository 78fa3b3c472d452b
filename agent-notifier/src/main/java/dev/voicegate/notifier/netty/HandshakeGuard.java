package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.config.HandshakeLimits;
import dev.voicegate.notifier.engine.NotifierMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The pre-request stage of every agent-port connection (slowloris protection), placed after the HTTP
 * aggregator so that it sees only complete requests:
 * <ul>
 *   <li>on accept the connection counts against its source address
 *       ({@code agent.maxPendingConnectionsPerSource}; one more is closed at once) until its first
 *       complete request;</li>
 *   <li>a deadline ({@code agent.handshakeTimeout}) runs from accept, and again from each response on a
 *       kept-alive connection, until the next complete request; headers or a body trickled byte by byte
 *       do not extend it; when it passes the connection is closed;</li>
 *   <li>a {@code 101 Switching Protocols} response (an authenticated WebSocket upgrade) removes the
 *       guard: the socket's own limits take over.</li>
 * </ul>
 * Meter {@code voicegate.notifier.rejections} ({@code reason=handshake_timeout|too_many_pending_connections}),
 * logged at DEBUG only (an attacker must not be able to fill the log). One per channel; event loop only.
 */
final class HandshakeGuard extends ChannelDuplexHandler {

    static final String NAME = "handshake-guard";
    private static final Logger log = LoggerFactory.getLogger(HandshakeGuard.class);

    private final HandshakeLimits limits;
    private final PendingSources pending;
    private final NotifierMetrics metrics;
    private String countedSource;
    private boolean refused;
    private ScheduledFuture<?> deadline;

    HandshakeGuard(HandshakeLimits limits, PendingSources pending, NotifierMetrics metrics) {
        this.limits = limits;
        this.pending = pending;
        this.metrics = metrics;
    }

    /** The source address key of a channel: its IP address without the port. */
    static String sourceOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String from = sourceOf(ctx.channel().remoteAddress());
        if (!pending.tryAcquire(from)) {
            refused = true;
            metrics.rejection("too_many_pending_connections");
            log.debug("[remote={}] agent connection closed: {} connections of this source have not sent a request yet "
                    + "(agent.maxPendingConnectionsPerSource)", from, limits.maxPendingConnectionsPerSource());
            ctx.close();
            return;
        }
        countedSource = from;
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refused) {
            ReferenceCountUtil.release(msg); // the close is under way; nothing of this peer is processed
            return;
        }
        if (msg instanceof HttpRequest) {
            disarm();
            releaseSource();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse res) {
            if (res.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                ctx.write(msg, promise);
                ctx.pipeline().remove(this);
                return;
            }
            if (ctx.channel().isActive()) {
                arm(ctx); // a kept-alive connection must send its next request in time too
            }
        }
        ctx.write(msg, promise);
    }

    private void arm(ChannelHandlerContext ctx) {
        if (deadline != null) {
            return;
        }
        deadline = ctx.executor().schedule(() -> {
            deadline = null;
            metrics.rejection("handshake_timeout");
            log.debug("[remote={}] agent connection sent no complete request within {} (agent.handshakeTimeout); "
                    + "closing", sourceOf(ctx.channel().remoteAddress()), limits.handshakeTimeout());
            ctx.close();
        }, limits.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void releaseSource() {
        if (countedSource != null) {
            pending.release(countedSource);
            countedSource = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
        releaseSource();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        releaseSource();
        super.channelInactive(ctx);
    }
}
