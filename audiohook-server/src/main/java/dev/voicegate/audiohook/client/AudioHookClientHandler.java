package dev.voicegate.audiohook.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Adapts the client's WebSocket pipeline to {@link ClientProtocol}. Frames are released by
 * {@link SimpleChannelInboundHandler}; server binary frames are ignored (AudioHook servers send none).
 */
final class AudioHookClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final AudioHookClient client;
    private final ClientProtocol protocol;

    AudioHookClientHandler(AudioHookClient client, ClientProtocol protocol) {
        this.client = client;
        this.protocol = protocol;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        client.attached(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            client.handshakeDone();
            protocol.start(ctx.channel());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            protocol.onText(text.text());
        } else {
            client.protocolError("unexpected " + frame.getClass().getSimpleName() + " from server");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        protocol.onInactive();
        client.inactive();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WebSocketClientHandshakeException e && e.response() != null) {
            client.handshakeFailed(new HandshakeRejectedException(e.response().status().code(),
                    e.response().headers().get(HttpHeaderNames.RETRY_AFTER), e.response().status().reasonPhrase()));
        } else {
            client.handshakeFailed(cause);
        }
        ctx.close();
    }
}
