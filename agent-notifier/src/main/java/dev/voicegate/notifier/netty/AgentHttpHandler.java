package dev.voicegate.notifier.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Routes plain HTTP on the agent port: the app's static files under {@code /agent/} and the
 * WebSocket upgrade at {@code /agent/ws} (handed to {@link WebSocketUpgrader}). Per channel (the
 * upgrader keeps per-request state), not {@code @Sharable}. Requests are released by
 * {@link SimpleChannelInboundHandler}; the upgrader retains what it keeps.
 */
final class AgentHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String WS_PATH = "/agent/ws";

    private final ServerContext context;

    AgentHttpHandler(ServerContext context) {
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request", null);
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        if (path.equals(WS_PATH)) {
            new WebSocketUpgrader(context, this).upgrade(ctx, req);
            return;
        }
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed", null);
            return;
        }
        if (path.equals("/agent") || path.equals("/")) {
            redirect(ctx, req);
            return;
        }
        StaticAssets.Asset asset = context.assets().get(path);
        if (asset == null) {
            HttpResponses.sendAndClose(ctx, HttpResponseStatus.NOT_FOUND, "not found: " + path, null);
            return;
        }
        serve(ctx, req, asset);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest req, StaticAssets.Asset asset) {
        boolean notModified = asset.etag().equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH));
        boolean withBody = !notModified && req.method().equals(HttpMethod.GET);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                notModified ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
                withBody ? Unpooled.wrappedBuffer(asset.body()) : Unpooled.EMPTY_BUFFER);
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, asset.contentType())
                .set(HttpHeaderNames.ETAG, asset.etag())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set("content-security-policy", "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
                        + "base-uri 'none'; form-action 'none'; frame-ancestors " + context.config().frameAncestors())
                .set("x-content-type-options", "nosniff")
                .set("referrer-policy", "no-referrer");
        HttpUtil.setContentLength(res, notModified ? 0 : asset.body().length);
        write(ctx, req, res);
    }

    private static void redirect(ChannelHandlerContext ctx, FullHttpRequest req) {
        String query = req.uri().contains("?") ? req.uri().substring(req.uri().indexOf('?')) : "";
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND);
        res.headers().set(HttpHeaderNames.LOCATION, "/agent/" + query);
        HttpUtil.setContentLength(res, 0);
        write(ctx, req, res);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close(); // an idle keep-alive or a client that never sent its request
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        WebSocketUpgrader.log.debug("[remote={}] agent HTTP channel failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
