package dev.voicegate.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Routes admin requests. Stateless, hence {@code @Sharable}. The request is released by
 * {@link SimpleChannelInboundHandler}; each response buffer is released by the channel on write.
 */
@ChannelHandler.Sharable
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static final String API_PREFIX = "/api/v1/admin/";
    private static final String SUBJECTS = API_PREFIX + "subjects/";
    private static final io.netty.util.AttributeKey<Boolean> BUSY = io.netty.util.AttributeKey.valueOf("voicegate.admin.busy");

    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;
    /** Null when no admin.token is configured: the API is off. */
    private final AdminAuth auth;
    /** Null when biometrics are off: nothing is stored. */
    private final SubjectRequests subjects;

    AdminHttpHandler(PrometheusMeterRegistry registry, Readiness readiness, AdminApi api) {
        this.registry = registry;
        this.readiness = readiness;
        this.auth = api == null || api.token().isEmpty() ? null : new AdminAuth(api.token());
        this.subjects = api == null ? null : api.subjects();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
        if (Boolean.TRUE.equals(ctx.channel().attr(BUSY).get())) {
            return; // pipelined behind a data request: that response closes the connection (see api())
        }
        String path = new QueryStringDecoder(req.uri()).path();
        if (path.startsWith(API_PREFIX) || path.equals(API_PREFIX.substring(0, API_PREFIX.length() - 1))) {
            api(ctx, req, path);
            return;
        }
        boolean head = req.method().equals(HttpMethod.HEAD);
        if (!req.method().equals(HttpMethod.GET) && !head) {
            send(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "application/json",
                    "{\"error\":\"method not allowed (expected: GET)\"}", head);
            return;
        }
        switch (path) {
            case "/healthz" -> send(ctx, req, HttpResponseStatus.OK, "application/json", "{\"status\":\"UP\"}", head);
            case "/readyz" -> {
                boolean ready = readiness.ready();
                String body = JSON.writeValueAsString(Map.of("status", ready ? "READY" : "NOT_READY",
                        "components", readiness.snapshot()));
                send(ctx, req, ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json", body, head);
            }
            case "/metrics" -> send(ctx, req, HttpResponseStatus.OK, PROMETHEUS_TEXT, registry.scrape(), head);
            default -> send(ctx, req, HttpResponseStatus.NOT_FOUND, "application/json",
                    "{\"error\":\"not found (expected: /healthz, /readyz, /metrics, " + SUBJECTS + "{export,audit,erase})\"}", head);
        }
    }

    /**
     * The data-subject API: bearer token first (401 with a challenge), then POST with a JSON body
     * {@code {"biokey": "..."}} (the biokey never travels in the URL, so proxies' access logs cannot
     * record it). The store work runs on the blocking executor; reading stops until it answers, and the
     * response closes the connection, so responses never overtake each other.
     */
    private void api(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        String remote = remoteOf(ctx);
        String what = req.method().name() + " " + path;
        if (auth == null) {
            log.warn("[admin remote={}] refused {}: the admin API is off (no admin.token)", remote, what);
            sendJson(ctx, HttpResponseStatus.NOT_FOUND, Map.of("error", "the admin API is off: no admin.token is configured"
                    + " (set admin.token to a secret reference such as ${env:VOICEGATE_ADMIN_TOKEN} or ${file:/run/secrets/admin-token})"), null, false);
            return;
        }
        AdminAuth.Result checked = auth.check(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (checked != AdminAuth.Result.OK) {
            log.warn("[admin remote={}] refused {}: {} bearer token", remote, what,
                    checked == AdminAuth.Result.MISSING ? "no" : "wrong");
            sendJson(ctx, HttpResponseStatus.UNAUTHORIZED, Map.of("error", checked == AdminAuth.Result.MISSING
                    ? "authentication required: send Authorization: Bearer <admin.token>"
                    : "invalid token (expected: Authorization: Bearer <admin.token>)"), AdminAuth.challenge(checked), false);
            return;
        }
        String actor = "admin:" + auth.tokenId() + "@" + remote;
        String op = path.startsWith(SUBJECTS) ? path.substring(SUBJECTS.length()) : "";
        if (!op.equals("export") && !op.equals("audit") && !op.equals("erase")) {
            log.warn("[admin actor={}] refused {}: unknown endpoint", actor, what);
            sendJson(ctx, HttpResponseStatus.NOT_FOUND, Map.of("error", "not found: " + path + " (expected: POST "
                    + SUBJECTS + "export, " + SUBJECTS + "audit or " + SUBJECTS + "erase)"), null, false);
            return;
        }
        if (!req.method().equals(HttpMethod.POST)) {
            log.warn("[admin actor={}] refused {}: method", actor, what);
            sendJson(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, Map.of("error", "method not allowed: " + req.method()
                    + " (expected: POST with {\"biokey\": \"...\"})"), null, false);
            return;
        }
        if (subjects == null) {
            log.warn("[admin actor={}] refused {}: biometrics are off", actor, what);
            sendJson(ctx, HttpResponseStatus.NOT_FOUND, Map.of("error", "biometrics are off (no biometrics.encryptionKeys):"
                    + " this gateway stores nothing about anyone"), null, false);
            return;
        }
        String biokey;
        try {
            com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
            com.fasterxml.jackson.databind.JsonNode b = body == null ? null : body.get("biokey");
            if (b == null || !b.isTextual() || b.asText().isBlank()) {
                throw new IllegalArgumentException("biokey: missing (expected: a JSON body {\"biokey\": \"kind:value\"},"
                        + " e.g. phone:+35315550123 or customer:C-1042)");
            }
            biokey = b.asText().strip();
            if (biokey.length() > 256) {
                throw new IllegalArgumentException("biokey: " + biokey.length() + " characters (expected: at most 256)");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            log.warn("[admin actor={}] refused {}: body is not JSON", actor, what);
            sendJson(ctx, HttpResponseStatus.BAD_REQUEST, Map.of("error", "body: not JSON (expected: {\"biokey\": \"kind:value\"})"), null, false);
            return;
        } catch (IllegalArgumentException e) {
            log.warn("[admin actor={}] refused {}: {}", actor, what, e.getMessage());
            sendJson(ctx, HttpResponseStatus.BAD_REQUEST, Map.of("error", e.getMessage()), null, false);
            return;
        }
        log.info("[admin actor={}] {}", actor, what);
        java.util.concurrent.CompletableFuture<Map<String, Object>> work;
        try {
            work = switch (op) {
                case "export" -> subjects.export(biokey, actor);
                case "audit" -> subjects.audit(biokey, actor);
                default -> subjects.erase(biokey, actor);
            };
        } catch (java.util.concurrent.RejectedExecutionException e) {
            sendJson(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, Map.of("error", "busy: the store's work queue is full; retry later"), null, false);
            return;
        }
        ctx.channel().attr(BUSY).set(true);
        ctx.channel().config().setAutoRead(false);
        work.whenComplete((result, failure) -> {
            if (failure == null) {
                sendJson(ctx, HttpResponseStatus.OK, result, null, true);
                return;
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            log.warn("[admin actor={}] {} failed: {}", actor, what, cause.toString());
            if (cause instanceof java.util.concurrent.RejectedExecutionException) {
                sendJson(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, Map.of("error", "busy: the store's work queue is full; retry later"), null, true);
            } else if (cause instanceof IllegalArgumentException) {
                sendJson(ctx, HttpResponseStatus.BAD_REQUEST, Map.of("error", String.valueOf(cause.getMessage())), null, true);
            } else {
                sendJson(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, Map.of("error", op + " failed: "
                        + cause.getClass().getSimpleName() + " (see the gateway log)"), null, true);
            }
        });
    }

    /** A JSON response that closes the connection (data requests are rare; no pipelining behind them). */
    private static void sendJson(ChannelHandlerContext ctx, HttpResponseStatus status, Map<String, ?> body,
                                 String challenge, boolean afterWork) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            bytes = "{\"error\":\"cannot render the response\"}".getBytes(StandardCharsets.UTF_8);
            status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (challenge != null) {
            res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        }
        HttpUtil.setContentLength(res, bytes.length);
        HttpUtil.setKeepAlive(res, false);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    private static String remoteOf(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String type,
                             String body, boolean head) {
        ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setContentLength(res, head ? body.getBytes(StandardCharsets.UTF_8).length : content.readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("[admin remote={}] closing after error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
