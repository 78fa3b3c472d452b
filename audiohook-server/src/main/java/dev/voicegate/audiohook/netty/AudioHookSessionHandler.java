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
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
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
 * loss. Frames are released by {@link SimpleChannelInboundHandler} after {@link #channelRead0};
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
    private boolean slotHeld = true;

    AudioHookSessionHandler(ServerContext server, SessionContext context, String authFailure, long authDelayNanos) {
        this.server = server;
        this.context = context;
        this.authFailure = authFailure;
        this.authDelayNanos = authDelayNanos;
    }

    /** The session of this connection (null before the handler is added). */
    ServerSession session() {
        return session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        session = server.sessions.create(context,
                new NettySessionTransport(ctx.channel(), server.sessions.codec(), server.metrics));
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
        session.onConnectionClosed(closeKind, closeKind == CloseReason.Kind.CONNECTION_LOST ? "socket closed" : "");
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
        if (cause instanceof CorruptedFrameException || cause instanceof TooLongFrameException) {
            // A frame beyond the decoder limit, or a fragmented message beyond the aggregator limit
            // (Netty answers close 1009 for the former), or a malformed frame.
            server.metrics.rejection("invalid_frame");
            log.info("[session={}] WebSocket frame rejected: {}", context.sessionId(), cause.getMessage());
        } else {
            log.warn("[session={}] connection error", context.sessionId(), cause);
        }
        ctx.close();
    }
}
