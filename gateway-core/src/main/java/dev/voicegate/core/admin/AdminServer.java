package dev.voicegate.core.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
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
 * ready and not shutting down; 503 otherwise) and {@code /metrics} (Prometheus text format), open; and
 * the data-subject API under {@code /api/v1/admin/} behind a bearer token ({@link AdminApi}).
 * A peer that stops reading gets no further responses and is closed ({@link AdminLimits}).
 * Runs on its own event-loop thread, which {@link #close()} releases, or on the gateway's shared
 * {@link ServerLoops} (then {@code close()} closes only the listening channel and its connections).
 */
public final class AdminServer implements AutoCloseable {
    static final String READ_TIMEOUT = "readTimeout";
    static final String WRITABILITY = "writability";
    static final String HTTP_CODEC = "httpCodec";
    static final String AGGREGATOR = "aggregator";
    static final String HANDLER = "adminHandler";

    /** The server's own group, or null on shared loops. */
    private final EventLoopGroup group;
    private final Channel channel;
    private final ChannelGroup connections;

    /** Event loops shared with other servers: an acceptor group, an I/O group and the matching server channel class. */
    public record ServerLoops(EventLoopGroup acceptor, EventLoopGroup workers, Class<? extends ServerChannel> channelType) {
        public ServerLoops {
            java.util.Objects.requireNonNull(acceptor, "acceptor");
            java.util.Objects.requireNonNull(workers, "workers");
            java.util.Objects.requireNonNull(channelType, "channelType");
        }
    }

    private AdminServer(EventLoopGroup group, Channel channel, ChannelGroup connections) {
        this.group = group;
        this.channel = channel;
        this.connections = connections;
    }

    /** Binds and starts serving with {@link AdminLimits#defaults()}; {@code port} 0 lets the OS choose. */
    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness) {
        return start(host, port, registry, readiness, AdminLimits.defaults());
    }

    /** Binds and starts serving; {@code port} 0 lets the OS choose (see {@link #port()}). */
    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness,
                                    AdminLimits limits) {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("voicegate-admin", true));
        return start(host, port, registry, readiness, limits, new ServerLoops(group, group, NioServerSocketChannel.class),
                AdminApi.off(), group);
    }

    /** Binds on shared event loops, which stay open after {@link #close()}; {@code port} 0 lets the OS choose. */
    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness,
                                    AdminLimits limits, ServerLoops loops) {
        return start(host, port, registry, readiness, limits, loops, AdminApi.off(), null);
    }

    /** Like {@link #start(String, int, PrometheusMeterRegistry, Readiness, AdminLimits, ServerLoops)}, with the admin API. */
    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness,
                                    AdminLimits limits, ServerLoops loops, AdminApi api) {
        return start(host, port, registry, readiness, limits, loops, api, null);
    }

    /** On its own event-loop thread, with the admin API. */
    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness,
                                    AdminApi api) {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("voicegate-admin", true));
        return start(host, port, registry, readiness, AdminLimits.defaults(),
                new ServerLoops(group, group, NioServerSocketChannel.class), api, group);
    }

    private static AdminServer start(String host, int port, PrometheusMeterRegistry registry, Readiness readiness,
                                     AdminLimits limits, ServerLoops loops, AdminApi api, EventLoopGroup owned) {
        AdminHttpHandler handler = new AdminHttpHandler(registry, readiness, api);
        Counter slowCloses = registry.counter("voicegate.admin.slow.closes");
        ChannelGroup connections = new DefaultChannelGroup("admin-connections", GlobalEventExecutor.INSTANCE);
        try {
            Channel ch = new ServerBootstrap().group(loops.acceptor(), loops.workers()).channel(loops.channelType())
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                            limits.writeBufferHighWaterMark() / 2, limits.writeBufferHighWaterMark()))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            connections.add(c);
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
            return new AdminServer(owned, ch, connections);
        } catch (Exception e) { // syncUninterruptibly() rethrows the bind failure (a checked BindException) as it is
            if (owned != null) {
                owned.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
