package dev.voicegate.notifier.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Pipeline of the agent port: {@value #IDLE} (reader idle → the tail handler closes) → {@value #HTTP_CODEC} →
 * {@value #HTTP_AGGREGATOR} → {@link HandshakeGuard} (request deadline, per-source pending cap) → {@value #HTTP_HANDLER}.
 * After a successful upgrade the handshaker swaps the HTTP codec for WebSocket codecs, the
 * aggregator is removed and {@link AgentSocketHandler} becomes the tail. Requests are small (8 KiB
 * bodies at most: the app only GETs).
 */
public final class AgentServerInitializer extends ChannelInitializer<SocketChannel> {

    static final String IDLE = "idle";
    static final String HTTP_CODEC = "http-codec";
    static final String HTTP_AGGREGATOR = "http-aggregator";
    static final String HTTP_HANDLER = "http-handler";
    private static final int MAX_BODY = 8 * 1024;

    private final ServerContext context;
    private final PendingSources pending;

    AgentServerInitializer(ServerContext context) {
        this.context = context;
        this.pending = new PendingSources(context.config().handshake().maxPendingConnectionsPerSource(),
                dev.voicegate.notifier.config.HandshakeLimits.MAX_TRACKED_SOURCES);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        long idle = context.config().limits().clientIdleTimeout().toMillis();
        p.addLast(IDLE, new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
        p.addLast(HTTP_CODEC, new HttpServerCodec(4096, 16 * 1024, 8192));
        p.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_BODY));
        p.addLast(HandshakeGuard.NAME, new HandshakeGuard(context.config().handshake(), pending, context.metrics()));
        p.addLast(HTTP_HANDLER, new AgentHttpHandler(context));
    }
}
