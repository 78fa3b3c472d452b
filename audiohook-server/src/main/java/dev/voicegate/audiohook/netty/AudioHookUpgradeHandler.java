package dev.voicegate.audiohook.netty;

import dev.voicegate.audiohook.api.LogSafe;
import dev.voicegate.audiohook.auth.AuthOutcome;
import dev.voicegate.audiohook.auth.UpgradeRequest;
import dev.voicegate.audiohook.config.AuthMode;
import dev.voicegate.audiohook.config.ServerLimits;
import dev.voicegate.audiohook.protocol.Uuids;
import dev.voicegate.audiohook.session.SessionContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits or refuses one WebSocket upgrade (fact sheet §1). Cheap checks first, nothing costly before
 * authentication: a malformed request (431 for headers over {@code audiohook.maxRequestHeaderBytes}),
 * path, readiness, session id header, the per-source-address upgrade rate (429 + Retry-After), then
 * authentication via {@code RequestAuthenticator}. Only an authentic request takes a session slot (503
 * when none is left) and a token of its organisation's open budget (429 + Retry-After). A failure is
 * answered no sooner than the minimum failure delay after arrival by a timer on the channel's executor
 * (401 in request mode, {@code disconnect{unauthorized}} in session mode); the waiting request holds no
 * slot. On success it installs the WebSocket stages, removes the pre-auth guard and itself. The request
 * is released by {@link SimpleChannelInboundHandler}; it is retained once when passed on to the handshake.
 */
final class AudioHookUpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AudioHookUpgradeHandler.class);

    private final ServerContext server;
    private ScheduledFuture<?> delayedFailure;
    private boolean slotTaken;

    AudioHookUpgradeHandler(ServerContext server) {
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        long arrival = server.ticker.getAsLong();
        String sessionId = req.headers().get("audiohook-session-id");
        if (!admitUnauthenticated(ctx, req, sessionId)) {
            return;
        }
        AuthOutcome outcome = server.authenticator.authenticate(toUpgradeRequest(req));
        String org = req.headers().get("audiohook-organization-id");
        SessionContext session = new SessionContext(sessionId, org, req.headers().get("audiohook-correlation-id"));
        if (!outcome.accepted()) {
            log.info("[session={}] authentication failed: {}", sessionId, LogSafe.escape(outcome.info()));
            server.metrics.rejection("unauthorized");
            if (server.config.authMode() == AuthMode.REQUEST) {
                delayedFailure = ctx.executor().schedule(() -> respond(ctx, HttpResponseStatus.UNAUTHORIZED,
                        "Signature verification failed", null), remainingDelay(arrival), TimeUnit.NANOSECONDS);
                return;
            }
            // Session mode: the upgrade goes ahead without a slot; the pre-auth guard stays and closes the
            // connection at the handshake deadline, after the delayed disconnect{unauthorized}.
            upgrade(ctx, req, session, outcome.clientInfo(), arrival);
            return;
        }
        if (admitAuthenticated(ctx, org)) {
            if (ctx.pipeline().get(AudioHookServerInitializer.PRE_AUTH) != null) {
                ctx.pipeline().remove(AudioHookServerInitializer.PRE_AUTH);
            }
            upgrade(ctx, req, session, null, arrival);
        }
    }

    /** The checks before authentication, in order; answers and returns false on the first failure. */
    private boolean admitUnauthenticated(ChannelHandlerContext ctx, FullHttpRequest req, String sessionId) {
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            if (cause instanceof TooLongHttpHeaderException) {
                refuse(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header_too_large",
                        "Request headers larger than " + server.config.limits().connections().maxRequestHeaderBytes()
                                + " bytes", null);
            } else if (cause instanceof TooLongHttpLineException) {
                refuse(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "request_line_too_long", "Request line too long",
                        null);
            } else {
                refuse(ctx, HttpResponseStatus.BAD_REQUEST, "malformed_request", "Malformed HTTP request", null);
            }
        } else if (!new QueryStringDecoder(req.uri()).path().equals(server.config.path())) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND, "not_found", "Not found", null);
        } else if (!req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "not_websocket", "Expected a WebSocket upgrade", null);
        } else if (!server.accepting) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting_down", "Shutting down", null);
        } else if (!Uuids.isUuid(sessionId)) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "bad_session_id",
                    "Missing or invalid Audiohook-Session-Id header", null);
        } else {
            long waitNanos = server.sourceRateLimiter.tryAcquire(PreAuthGuard.sourceOf(ctx.channel().remoteAddress()));
            if (waitNanos <= 0) {
                return true;
            }
            refuse(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "source_rate_limited",
                    "Too many upgrade requests from this address", retryAfterSeconds(waitNanos));
        }
        return false;
    }

    /** The checks after authentication: a session slot, then the organisation's open budget. */
    private boolean admitAuthenticated(ChannelHandlerContext ctx, String org) {
        if (!server.admission.tryAcquire()) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "too_many_sessions", "Too many sessions", null);
            return false;
        }
        slotTaken = true;
        long waitNanos = server.rateLimiter.tryAcquire(org == null ? "" : org.toLowerCase(Locale.ROOT));
        if (waitNanos <= 0) {
            return true;
        }
        releaseSlot();
        refuse(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limited",
                "Too many new sessions for this organization", retryAfterSeconds(waitNanos));
        return false;
    }

    private static String retryAfterSeconds(long waitNanos) {
        return Long.toString(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
    }

    private long remainingDelay(long arrival) {
        long due = arrival + server.config.limits().minAuthFailureDelay().toNanos();
        return Math.max(0, due - server.ticker.getAsLong());
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, SessionContext session, String authFailure,
                         long arrival) {
        ServerLimits limits = server.config.limits();
        int maxFrame = 2 * Math.max(limits.maxBinaryFrameBytes(), ServerLimits.MAX_TEXT_FRAME_BYTES);
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(server.config.path()).checkStartsWith(true).maxFramePayloadLength(maxFrame)
                .handleCloseFrames(true).allowExtensions(false).dropPongFrames(true).build();
        long authDelay = authFailure == null ? 0 : remainingDelay(arrival);
        ctx.pipeline().addAfter(ctx.name(), AudioHookServerInitializer.WS_PROTOCOL, new WebSocketServerProtocolHandler(ws))
                .addAfter(AudioHookServerInitializer.WS_PROTOCOL, AudioHookServerInitializer.WS_AGGREGATOR,
                        new WebSocketFrameAggregator(maxFrame))
                .addAfter(AudioHookServerInitializer.WS_AGGREGATOR, AudioHookServerInitializer.IDLE,
                        new IdleStateHandler(limits.idleTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS))
                .addAfter(AudioHookServerInitializer.IDLE, AudioHookServerInitializer.SESSION,
                        new AudioHookSessionHandler(server, session, authFailure, authDelay));
        ctx.pipeline().addBefore(AudioHookServerInitializer.WS_PROTOCOL, AudioHookServerInitializer.CONTROL_FRAMES,
                new ControlFrameGuard(server.metrics));
        slotTaken = false;  // the session handler owns the slot now (none for a failed session-mode upgrade)
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(req.retain());
    }

    private static UpgradeRequest toUpgradeRequest(FullHttpRequest req) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : req.headers().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), req.headers().getAll(name));
        }
        return new UpgradeRequest(req.method().name(), req.uri(), req.headers().get(HttpHeaderNames.HOST), headers);
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason, String body,
                        String retryAfter) {
        server.metrics.rejection(reason);
        log.debug("upgrade refused: {} {}", status.code(), reason);
        respond(ctx, status, body, retryAfter);
    }

    private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body, String retryAfter) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (retryAfter != null) {
            res.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter);
        }
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (delayedFailure != null) {
            delayedFailure.cancel(false);
        }
        releaseSlot();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseSlot();
    }

    private void releaseSlot() {
        if (slotTaken) {
            slotTaken = false;
            server.admission.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("upgrade failed: {}", LogSafe.escape(cause));
        ctx.close();
    }
}
