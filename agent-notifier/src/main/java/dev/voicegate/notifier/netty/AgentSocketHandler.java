package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.LogSafe;
import dev.voicegate.notifier.engine.ClientSink;
import dev.voicegate.notifier.protocol.Inbound;
import dev.voicegate.notifier.protocol.Outbound;
import dev.voicegate.notifier.protocol.ProtocolViolationException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One authenticated agent-app WebSocket, the tail handler of its pipeline. Outbound messages go
 * through an {@link OutboundPump}; a client whose queue overflows or whose socket stays unwritable
 * past {@code slowClientDeadline} is closed with {@link CloseCodes#SLOW_CLIENT}, one that sends
 * nothing for {@code clientIdleTimeout} with {@link CloseCodes#IDLE}, one whose token expires (its
 * {@link AgentPrincipal#expiresAt}) at that moment with {@link CloseCodes#TOKEN_EXPIRED}. Inbound text frames are
 * commands (or pings); errors are logged once here and close the channel.
 *
 * <p>Buffer ownership: every inbound frame is released in {@link #channelRead} (a close frame is
 * retained once to echo it; a ping's content once for the pong).
 */
final class AgentSocketHandler extends ChannelInboundHandlerAdapter implements ClientSink {

    private static final Logger log = LoggerFactory.getLogger(AgentSocketHandler.class);
    private static final long CLOSE_GRACE_MILLIS = 1_000;

    private final ServerContext context;
    private final AgentPrincipal principal;
    private final WebSocketServerHandshaker handshaker;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Channel channel;
    private volatile OutboundPump pump;
    private boolean registered;
    private boolean errorLogged;

    AgentSocketHandler(ServerContext context, AgentPrincipal principal, WebSocketServerHandshaker handshaker) {
        this.context = context;
        this.principal = principal;
        this.handshaker = handshaker;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        var limits = context.config().limits();
        pump = new OutboundPump(channel, limits.sendQueueCapacity(), limits.slowClientDeadline(), context.metrics(),
                this::closeSlow);
    }

    /** Called on the event loop once the 101 response is written: hello + snapshot, then live. */
    void start() {
        if (!context.hub().register(this)) {
            log.warn("[user={}] agent client refused after upgrade: server full", principal.userId());
            closeWith(CloseCodes.GOING_AWAY, "server full; retry later");
            return;
        }
        registered = true;
        context.sockets().add(channel);
        log.info("[user={} remote={}] agent client connected", principal.userId(), channel.remoteAddress());
        scheduleExpiry();
    }

    /**
     * Closes the socket with {@link CloseCodes#TOKEN_EXPIRED} when its token expires (when the validator
     * knew the expiry): a scheduled task on the channel's own event loop, cancelled when the channel closes.
     */
    private void scheduleExpiry() {
        if (principal.expiresAt() == null) {
            return;
        }
        long delayMillis = java.time.Duration.between(context.clock().instant(), principal.expiresAt()).toMillis();
        if (delayMillis <= 0) {
            expire();
            return;
        }
        ScheduledFuture<?> timer = channel.eventLoop().schedule(this::expire, delayMillis, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> timer.cancel(false));
    }

    private void expire() {
        if (closing.get()) {
            return;
        }
        context.metrics().tokenExpiredClose();
        log.info("[user={} remote={}] closing agent client: token expired at {}", principal.userId(),
                channel.remoteAddress(), principal.expiresAt());
        closeWith(CloseCodes.TOKEN_EXPIRED, "token expired; sign in again");
    }

    @Override
    public AgentPrincipal principal() {
        return principal;
    }

    @Override
    public void deliver(Outbound message) {
        switch (pump.offer(message)) {
            case OVERFLOW -> closeSlow("queue_full");
            case CLOSED -> context.metrics().queueDrop("closed");
            default -> { }
        }
    }

    private void closeSlow(String cause) {
        if (closing.get()) {
            return;
        }
        context.metrics().slowClose(cause);
        int dropped = pump.close();
        for (int i = 0; i < dropped; i++) {
            context.metrics().queueDrop("overflow");
        }
        String reason = cause.equals("queue_full") ? "slow client: send queue full" : "slow client: not reading";
        log.warn("[user={} remote={}] closing agent client: {} ({} queued messages dropped)", principal.userId(),
                channel.remoteAddress(), reason, dropped);
        closeWith(CloseCodes.SLOW_CLIENT, reason);
    }

    /** Sends a close frame and closes; a hard close follows after a grace period. Any thread. */
    void closeWith(int code, String reason) {
        Channel ch = channel;
        if (ch == null || !closing.compareAndSet(false, true)) {
            return;
        }
        ch.eventLoop().execute(() -> {
            ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
            ch.eventLoop().schedule(() -> ch.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                onText(text.text());
            } else if (msg instanceof CloseWebSocketFrame close) {
                closing.set(true);
                handshaker.close(ctx.channel(), close.retain());
            } else if (msg instanceof PingWebSocketFrame ping) {
                if (ctx.channel().isWritable()) {
                    ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
                } else {
                    // Not reading: no pong queues up (the slow-client deadline closes the socket).
                    context.metrics().queueDrop("ws_pong");
                }
            } else if (!(msg instanceof PongWebSocketFrame)) {
                closeWith(CloseCodes.UNSUPPORTED_DATA, "only JSON text frames are supported");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onText(String text) {
        Inbound in;
        try {
            in = context.codec().decode(text);
        } catch (ProtocolViolationException e) {
            log.debug("[user={}] bad agent message: {}", principal.userId(), LogSafe.escape(e.getMessage()));
            deliver(context.codec().error(e.getMessage(), e.requestId()));
            return;
        }
        if (in instanceof Inbound.Ping) {
            deliver(context.codec().pong());
        } else if (in instanceof Inbound.CommandRequest req) {
            context.dispatcher().dispatch(principal, req).thenAccept(r -> deliver(
                    context.codec().commandResult(r.requestId(), r.command(), r.conversationId(), r.outcome())));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.info("[user={} remote={}] closing idle agent client", principal.userId(), ctx.channel().remoteAddress());
            closeWith(CloseCodes.IDLE, "idle: no message within the idle timeout");
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (registered) {
            context.hub().unregister(this);
            log.info("[user={} remote={}] agent client disconnected", principal.userId(), ctx.channel().remoteAddress());
        }
        pump.close();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // One line per connection: a failing socket reports every failed write (e.g. "Broken pipe").
        if (!errorLogged) {
            errorLogged = true;
            if (cause instanceof java.io.IOException) {
                log.info("[user={} remote={}] agent client connection failed: {}", principal.userId(),
                        ctx.channel().remoteAddress(), LogSafe.escape(cause.getMessage()));
            } else {
                log.warn("[user={} remote={}] agent client failed; closing: {}", principal.userId(),
                        ctx.channel().remoteAddress(), LogSafe.escape(cause));
                log.debug("[user={}] agent client failure trace", principal.userId(), cause);
            }
        }
        ctx.close();
    }
}
