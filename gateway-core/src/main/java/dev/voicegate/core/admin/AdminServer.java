package dev.voicegate.core.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The internal operations port: {@code /healthz} (process alive), {@code /readyz} (every component
 * ready and not shutting down; 503 otherwise) and {@code /metrics} (Prometheus text format).
 * A peer that stops reading gets no further responses and is closed ({@link AdminLimits}).
 * Owns one event-loop thread; {@link #close()} releases it.
 */
public final class AdminServer implements AutoCloseable {
    static final String READ_TIMEOUT = "readTimeout";
    static final String WRITABILITY = "writability";
    static final String HTTP_CODEC = "httpCodec";
    static final String AGGREGATOR = "aggregator";
    static final String HANDLER = "adminHandler";

    private final EventLoopGroup group;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds and starts serving with {@link AdminLimits#defaults()}; {@code port} 0 lets the OS choose. */
    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness) {
        return start(host, port, registry, readiness, AdminLimits.defaults());
    }

    /** Binds and starts serving; {@code port} 0 lets the OS choose (see {@link #port()}). */
    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness,
                                    AdminLimits limits) {
        AdminHttpHandler handler = new AdminHttpHandler(registry, readiness);
        Counter slowCloses = registry.counter("voicegate.admin.slow.closes");
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("voicegate-admin", true));
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                            limits.writeBufferHighWaterMark() / 2, limits.writeBufferHighWaterMark()))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline()
                                    .addLast(READ_TIMEOUT, new ReadTimeoutHandler(limits.readTimeout().toNanos(),
                                            TimeUnit.NANOSECONDS))
                                    .addLast(WRITABILITY, new WritabilityGuard(limits.unwritableTimeout(), slowCloses))
                                    .addLast(HTTP_CODEC, new HttpServerCodec(4096, 8192, 8192))
                                    .addLast(AGGREGATOR, new HttpObjectAggregator(64 * 1024))
                                    .addLast(HANDLER, handler);
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            return new AdminServer(group, ch);
        } catch (Exception e) { // syncUninterruptibly() rethrows the bind failure (a checked BindException) as it is
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
