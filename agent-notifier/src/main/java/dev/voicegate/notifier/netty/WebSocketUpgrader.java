package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.TokenRejectedException;
import dev.voicegate.notifier.protocol.WireCodec;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * Authenticates an agent WebSocket upgrade <em>before</em> upgrading: no token or a rejected token
 * gets HTTP 401 and the connection is closed; a validator that cannot decide gets 503; a full
 * server gets 503. Reading is paused while the (possibly remote) validation runs, and the result is
 * handled back on the channel's event loop. On success the HTTP handler is replaced by an
 * {@link AgentSocketHandler}.
 */
final class WebSocketUpgrader {

    static final Logger log = LoggerFactory.getLogger(WebSocketUpgrader.class);
    static final String AGENT_SOCKET = "agent-socket";
    static final String WS_AGGREGATOR = "ws-aggregator";

    private final ServerContext context;
    private final ChannelHandler httpHandler;

    WebSocketUpgrader(ServerContext context, ChannelHandler httpHandler) {
        this.context = context;
        this.httpHandler = httpHandler;
    }

    /** Starts the upgrade. Does not take ownership of {@code req} unless it retains it. */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.method().equals(HttpMethod.GET)
                || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "expected a WebSocket upgrade", null);
            return;
        }
        if (!context.hub().hasCapacity()) {
            log.warn("[remote={}] agent upgrade refused: {} clients connected (agent.limits.maxClients)",
                    ctx.channel().remoteAddress(), context.config().limits().maxClients());
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "too many agent clients", null);
            return;
        }
        String token = TokenExtractor.extract(req);
        if (token == null) {
            context.metrics().authFailure("missing");
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.UNAUTHORIZED, "missing token",
                    "Bearer realm=\"voicegate-agent\"");
            return;
        }
        req.retain(); // released in onValidated (or below when the event loop is gone)
        ctx.channel().config().setAutoRead(false);
        validate(token).whenComplete((principal, error) -> {
            try {
                ctx.executor().execute(() -> {
                    try {
                        onValidated(ctx, req, principal, error);
                    } finally {
                        req.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                req.release();
            }
        });
    }

    private CompletionStage<AgentPrincipal> validate(String token) {
        try {
            CompletionStage<AgentPrincipal> stage = context.validator().validate(token);
            return stage != null ? stage : CompletableFuture.failedFuture(new IllegalStateException("validator returned null"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void onValidated(ChannelHandlerContext ctx, FullHttpRequest req, AgentPrincipal principal, Throwable error) {
        if (!ctx.channel().isActive()) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TokenRejectedException rejected) {
            context.metrics().authFailure(rejected.reason().name());
            log.info("[remote={}] agent upgrade refused: {}", ctx.channel().remoteAddress(),
                    dev.voicegate.notifier.api.LogSafe.escape(rejected.getMessage()));
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.UNAUTHORIZED, "invalid token: " + rejected.getMessage(),
                    "Bearer realm=\"voicegate-agent\", error=\"invalid_token\"");
        } else if (cause != null || principal == null) {
            context.metrics().authFailure("unavailable");
            log.warn("[remote={}] agent upgrade refused: token validation failed", ctx.channel().remoteAddress(), cause);
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "cannot validate the token now; retry later", null);
        } else {
            handshake(ctx, req, principal);
        }
    }

    private void handshake(ChannelHandlerContext ctx, FullHttpRequest req, AgentPrincipal principal) {
        int maxFrame = context.config().limits().maxFramePayloadBytes();
        String url = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + AgentHttpHandler.WS_PATH;
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(url, WireCodec.PROTOCOL, false, maxFrame).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            return;
        }
        AgentSocketHandler socket = new AgentSocketHandler(context, principal, handshaker);
        ctx.pipeline().addLast(AGENT_SOCKET, socket);
        ctx.pipeline().remove(httpHandler);
        handshaker.handshake(ctx.channel(), req).addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("[user={}] agent WebSocket handshake failed", principal.userId(), f.cause());
                ctx.channel().close();
                return;
            }
            ctx.pipeline().addBefore(AGENT_SOCKET, WS_AGGREGATOR, new WebSocketFrameAggregator(maxFrame));
            socket.start();
            ctx.channel().config().setAutoRead(true);
        });
    }
}
