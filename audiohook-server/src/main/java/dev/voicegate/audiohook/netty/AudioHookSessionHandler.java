package dev.voicegate.audiohook.netty;

import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.config.ServerLimits;
import dev.voicegate.audiohook.session.ServerSession;
import dev.voicegate.audiohook.session.SessionContext;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import dev.voicegate.audiohook.api.LogSafe;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts WebSocket frames to one {@link ServerSession}: text and binary frames in (size limits
 * enforced here), idle timeout, session-mode authentication failure, graceful shutdown, connection
 * loss, and the slow-consumer bound: a channel that stays above its write-buffer high-water mark for
 * {@code audiohook.unwritableTimeout} is closed (one WARN, {@code voicegate.audiohook.slow.closes}).
 * Errors of a failing connection are logged once per connection. Frames are released by {@link SimpleChannelInboundHandler} after {@link #channelRead0};
 * the session reads binary content through a NIO view during the call and keeps nothing.
 */
final class AudioHookSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(AudioHookSessionHandler.class);

    private final ServerContext server;
    private final SessionContext context;
    private final String authFailure;
    private final long authDelayNanos;
    private ServerSession session;
    private ScheduledFuture<?> authTimer;
    private CloseReason.Kind closeKind = CloseReason.Kind.CONNECTION_LOST;
    private String closeDetail = "socket closed";
    /** Only an authenticated upgrade took a session slot. */
    private boolean slotHeld;
    private ScheduledFuture<?> unwritableTimer;
    private boolean errorLogged;

    AudioHookSessionHandler(ServerContext server, SessionContext context, String authFailure, long authDelayNanos) {
        this.server = server;
        this.context = context;
        this.authFailure = authFailure;
        this.authDelayNanos = authDelayNanos;
        this.slotHeld = authFailure == null;
    }

    /** The session of this connection (null before the handler is added). */
    ServerSession session() {
        return session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        session = server.sessions.create(context,
                new NettySessionTransport(ctx.channel(), server.sessions.codec()));
        server.sessionChannels.add(ctx.channel());
        if (authFailure != null) {
            session.authenticationFailed(authFailure);
            authTimer = ctx.executor().schedule(() -> {
                session.disconnectNow(DisconnectReason.UNAUTHORIZED, authFailure, CloseReason.Kind.SERVER_DISCONNECT);
            }, authDelayNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        int bytes = frame.content().readableBytes();
        if (frame instanceof TextWebSocketFrame text) {
            if (bytes > ServerLimits.MAX_TEXT_FRAME_BYTES) {
                server.metrics.frame(false, bytes);
                session.rejectFrame("Client Error: Text message too large (" + bytes + " bytes, limit "
                        + ServerLimits.MAX_TEXT_FRAME_BYTES + ")");
                return;
            }
            session.onText(text.text());
        } else if (frame instanceof BinaryWebSocketFrame) {
            int max = server.config.limits().maxBinaryFrameBytes();
            if (bytes > max) {
                server.metrics.frame(true, bytes);
                server.metrics.dropped("oversized");
                session.rejectFrame("Client Error: Binary frame too large (" + bytes + " bytes, limit " + max + ")");
                return;
            }
            session.onBinary(frame.content().nioBuffer());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.info("[session={}] idle for {}; disconnecting", context.sessionId(), server.config.limits().idleTimeout());
            server.metrics.rejection("idle_timeout");
            closeKind = CloseReason.Kind.IDLE_TIMEOUT;
            session.disconnectNow(DisconnectReason.ERROR, "Idle timeout: no message for "
                    + server.config.limits().idleTimeout(), CloseReason.Kind.IDLE_TIMEOUT);
            ctx.channel().eventLoop().execute(() -> ctx.close());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            cancelUnwritableTimer();
        } else if (unwritableTimer == null) {
            unwritableTimer = ctx.executor().schedule(() -> closeSlowConsumer(ctx),
                    server.config.limits().connections().unwritableTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        super.channelWritabilityChanged(ctx);
    }

    private void closeSlowConsumer(ChannelHandlerContext ctx) {
        unwritableTimer = null;
        if (!ctx.channel().isActive() || ctx.channel().isWritable()) {
            return;
        }
        io.netty.channel.ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
        long pending = out == null ? 0 : out.totalPendingWriteBytes();
        server.metrics.slowConsumerClosed(pending);
        log.warn("[session={}] peer not reading for {} ({} bytes queued); closing the connection", context.sessionId(),
                server.config.limits().connections().unwritableTimeout(), pending);
        closeKind = CloseReason.Kind.CONNECTION_LOST;
        closeDetail = "slow consumer: not reading";
        errorLogged = true;  // the failing writes that follow are not worth another line
        // Closed below the WebSocket protocol handler: its close() would first queue a close frame behind the
        // unread bytes and wait for it (up to its force-close timeout). A peer that does not read gets none.
        ctx.pipeline().firstContext().close();
    }

    private void cancelUnwritableTimer() {
        if (unwritableTimer != null) {
            unwritableTimer.cancel(false);
            unwritableTimer = null;
        }
    }

    /** Graceful shutdown step: ask the client to end the session ({@code disconnect{completed}}). */
    void shutdown(ChannelHandlerContext ctx) {
        closeKind = CloseReason.Kind.SHUTDOWN;
        if (!session.disconnectNow(DisconnectReason.COMPLETED, "Server shutting down", CloseReason.Kind.SHUTDOWN)) {
            log.debug("[session={}] no disconnect possible in {}", context.sessionId(), session.state());
            if (session.state() == dev.voicegate.audiohook.api.SessionState.CLOSED) {
                // `closed` was sent and the client has not closed its socket: nothing is left to say.
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (authTimer != null) {
            authTimer.cancel(false);
        }
        cancelUnwritableTimer();
        session.onConnectionClosed(closeKind, closeKind == CloseReason.Kind.CONNECTION_LOST ? closeDetail : "");
        releaseSlot();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseSlot();
    }

    private void releaseSlot() {
        if (slotHeld) {
            slotHeld = false;
            server.admission.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            // Netty's decoder or UTF-8 validator has already sent the close frame with the RFC 6455 code
            // (1002 protocol error, 1007 invalid UTF-8, 1009 frame too big).
            server.metrics.rejection("invalid_frame");
            logOnce("[session={}] WebSocket frame rejected ({}): {}", corrupt.closeStatus().code(), cause);
            // Below the protocol handler: its close() would send a second close frame (1000).
            ctx.pipeline().firstContext().close();
        } else if (cause instanceof TooLongFrameException) {
            // A fragmented message beyond the aggregator limit: 1009 (RFC 6455 §7.4.1).
            server.metrics.rejection("invalid_frame");
            logOnce("[session={}] WebSocket frame rejected ({}): {}", WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), cause);
            closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG);
        } else if (cause instanceof CorruptedFrameException) {
            server.metrics.rejection("invalid_frame");
            logOnce("[session={}] WebSocket frame rejected ({}): {}", WebSocketCloseStatus.PROTOCOL_ERROR.code(), cause);
            closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR);
        } else if (cause instanceof java.io.IOException) {
            // Broken pipe, connection reset: one line per connection, no trace.
            logOnce("[session={}] connection failed{}: {}", "", cause);
            ctx.close();
        } else {
            if (!errorLogged) {
                errorLogged = true;
                log.warn("[session={}] connection error: {}", context.sessionId(), LogSafe.escape(cause));
                log.debug("[session={}] connection error trace", context.sessionId(), cause);
            }
            ctx.close();
        }
    }

    private void logOnce(String format, Object code, Throwable cause) {
        if (errorLogged) {
            log.debug(format, context.sessionId(), code, LogSafe.escape(cause.getMessage()));
            return;
        }
        errorLogged = true;
        log.info(format, context.sessionId(), code, LogSafe.escape(cause.getMessage()));
    }

    private static void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
