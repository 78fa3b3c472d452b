package dev.voicegate.testing.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The notification WebSocket side of the fake: {@code ws://127.0.0.1:<port>/channels/<channelId>}.
 * Sends {@code channel.metadata} heartbeats every {@code heartbeatPeriod}, answers
 * {@code {"message":"ping"}} with a pong, and can stop both to simulate a dead-but-open socket.
 * Inbound frames are released by {@link SimpleChannelInboundHandler}; the handshake request is
 * released by Netty's handshaker after the gate passes it on, or by the gate when it answers 404.
 */
final class FakeNotificationServer implements AutoCloseable {

    private static final AttributeKey<String> CHANNEL_ID = AttributeKey.valueOf("genesysChannelId");

    private final FakeChannels channels;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private volatile Duration heartbeatPeriod;
    private volatile boolean silent;
    private Channel server;

    FakeNotificationServer(FakeChannels channels, Duration heartbeatPeriod) {
        this.channels = channels;
        this.heartbeatPeriod = heartbeatPeriod;
    }

    int start() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("http", new HttpServerCodec())
                                .addLast("aggregator", new HttpObjectAggregator(65536))
                                .addLast("gate", new Gate())
                                .addLast("ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig
                                        .newBuilder().websocketPath("/channels").checkStartsWith(true).build()))
                                .addLast("socket", new SocketHandler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    void heartbeatPeriod(Duration period) {
        this.heartbeatPeriod = period;
    }

    /** Stops (true) or resumes heartbeats and pong answers on every socket. */
    void silent(boolean silent) {
        this.silent = silent;
    }

    /** Sends {@code v2.system.socket_closing} to every socket and closes them after {@code grace}. */
    void socketClosing(Duration grace) {
        List<Channel> conns = channels.connections();
        for (Channel c : conns) {
            c.writeAndFlush(new TextWebSocketFrame(ConversationEventBodies.socketClosing()));
            c.eventLoop().schedule(() -> c.close(), grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Drops every socket at TCP level (no close frame). */
    void dropAll() {
        channels.connections().forEach(Channel::close);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Lets the handshake through only for a live channel; otherwise answers 404. */
    private final class Gate extends SimpleChannelInboundHandler<FullHttpRequest> {
        Gate() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = req.uri().split("\\?")[0];
            String id = path.startsWith("/channels/") ? path.substring("/channels/".length()) : "";
            if (channels.live(id).isEmpty()) {
                req.release();
                var resp = new DefaultFullHttpResponse(req.protocolVersion(), HttpResponseStatus.NOT_FOUND,
                        Unpooled.EMPTY_BUFFER);
                resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.channel().attr(CHANNEL_ID).set(id);
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(req);
        }
    }

    private final class SocketHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private ScheduledFuture<?> heartbeat;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                String id = ctx.channel().attr(CHANNEL_ID).get();
                if (!channels.attach(id, ctx.channel())) {
                    ctx.close();
                    return;
                }
                long period = heartbeatPeriod.toMillis();
                heartbeat = ctx.executor().scheduleAtFixedRate(() -> {
                    if (!silent) {
                        ctx.writeAndFlush(new TextWebSocketFrame(ConversationEventBodies.heartbeat()));
                    }
                }, period, period, TimeUnit.MILLISECONDS);
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
            JsonNode msg = ConversationEventBodies.JSON.readTree(frame.text());
            if ("ping".equals(msg.path("message").asText()) && !silent) {
                ctx.writeAndFlush(new TextWebSocketFrame(ConversationEventBodies.pong()));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            String id = ctx.channel().attr(CHANNEL_ID).get();
            if (id != null) {
                channels.detach(id, ctx.channel());
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
