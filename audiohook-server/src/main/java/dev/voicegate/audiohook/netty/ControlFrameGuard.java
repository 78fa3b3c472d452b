package dev.voicegate.audiohook.netty;

import dev.voicegate.audiohook.session.AudioHookMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Answers WebSocket ping frames only while the peer is reading: when the channel is above its
 * write-buffer high-water mark the pong is dropped (RFC 6455 §5.5.3 allows answering only the most
 * recent ping) and counted as {@code voicegate.audiohook.outbound.dropped{type=ws_pong}}. Netty's
 * protocol handler would queue one pong per ping without bound. Ping frames are released here;
 * everything else passes on untouched.
 */
final class ControlFrameGuard extends ChannelInboundHandlerAdapter {

    private final AudioHookMetrics metrics;

    ControlFrameGuard(AudioHookMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof PingWebSocketFrame ping)) {
            super.channelRead(ctx, msg);
            return;
        }
        if (ctx.channel().isWritable()) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()), ctx.voidPromise());  // the pong owns the content now
        } else {
            metrics.outboundDropped("ws_pong");
            ping.release();
        }
    }
}
