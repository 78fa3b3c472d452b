package dev.voicegate.audiohook.netty;

import dev.voicegate.audiohook.api.AudioHookListener;
import dev.voicegate.audiohook.auth.AuthConfig;
import dev.voicegate.audiohook.auth.RequestAuthenticator;
import dev.voicegate.audiohook.config.AudioHookServerConfig;
import dev.voicegate.audiohook.config.AuthMode;
import dev.voicegate.audiohook.config.ServerLimits;
import dev.voicegate.audiohook.config.SessionConfig;
import dev.voicegate.audiohook.session.AudioHookMetrics;
import dev.voicegate.audiohook.session.ServerSessionFactory;
import dev.voicegate.audiohook.internal.KeyedRateLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AudioHook v2 WebSocket server. Start with {@link #builder()}; thread-safe.
 *
 * <p>Graceful {@link #close()}: readiness goes off ({@link #isAccepting()}), the listening socket
 * closes, live sessions continue for the drain period, then each gets {@code disconnect{completed}};
 * connections still open when the close timeout is near are closed. {@code close()} returns within
 * the configured close timeout.
 */
public final class AudioHookServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AudioHookServer.class);

    private final AudioHookServerConfig config;
    private final ServerContext context;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerSocketChannel> channelType;
    /** False when the groups were given to the builder: their owner shuts them down, not {@link #close()}. */
    private final boolean ownsLoops;
    private final LongSupplier ticker;
    private final SslContext tls;
    private Channel serverChannel;
    private volatile boolean closed;

    private AudioHookServer(Builder b, AudioHookServerConfig config) {
        this.config = config;
        this.ticker = b.ticker;
        this.tls = b.tls;
        AudioHookMetrics metrics = new AudioHookMetrics(b.registry);
        ServerSessionFactory sessions = new ServerSessionFactory(config.session(), b.listener, metrics, b.ticker);
        RequestAuthenticator authenticator = new RequestAuthenticator(config.auth(), b.clock, b.registry);
        this.context = new ServerContext(config, sessions, authenticator,
                new DefaultChannelGroup("audiohook-sessions", GlobalEventExecutor.INSTANCE), b.ticker);
        Gauge.builder("voicegate.audiohook.accepting", context, c -> c.accepting ? 1 : 0).register(b.registry);
        Gauge.builder("voicegate.audiohook.ratelimiter.organizations", context.rateLimiter,
                KeyedRateLimiter::trackedKeys).register(b.registry);
        FunctionCounter.builder("voicegate.audiohook.ratelimiter.evictions", context.rateLimiter,
                KeyedRateLimiter::evictions).register(b.registry);
        Gauge.builder("voicegate.audiohook.ratelimiter.sources", context.sourceRateLimiter,
                KeyedRateLimiter::trackedKeys).register(b.registry);
        Gauge.builder("voicegate.audiohook.pending.sources", context.pending, p -> p.sources())
                .description("source addresses with connections not yet authenticated").register(b.registry);
        this.ownsLoops = b.workers == null;
        this.boss = ownsLoops ? Transports.group(1, "audiohook-accept") : b.acceptor;
        this.workers = ownsLoops ? Transports.group(b.ioThreads, "audiohook-io") : b.workers;
        this.channelType = ownsLoops ? Transports.serverChannel() : b.channelType;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    private AudioHookServer start() {
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        config.limits().connections().writeBufferLowWaterMark(),
                        config.limits().connections().writeBufferHighWaterMark()))
                .childHandler(new AudioHookServerInitializer(context, tls));
        try {
            serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownGroups(ticker.getAsLong() + TimeUnit.SECONDS.toNanos(1));
            throw new IllegalStateException("interrupted while binding " + config.host() + ":" + config.port(), e);
        } catch (Exception e) { // sync() rethrows the bind failure (a checked BindException) as it is
            shutdownGroups(ticker.getAsLong() + TimeUnit.SECONDS.toNanos(1));
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        log.info("AudioHook server listening on {}://{}:{}{} (auth mode {})", tls == null ? "ws" : "wss", config.host(),
                port(), config.path(), config.authMode());
        return this;
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The effective configuration. */
    public AudioHookServerConfig config() {
        return config;
    }

    /** Readiness: true until {@link #close()} starts. */
    public boolean isAccepting() {
        return context.accepting;
    }

    /** Live WebSocket sessions. */
    public int activeSessions() {
        return context.sessionChannels.size();
    }

    /**
     * Graceful shutdown; returns within the configured close timeout. Idempotent. Blocks the caller:
     * never call it on an event loop.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (onOwnEventLoop()) {
            throw new IllegalStateException("AudioHookServer.close() called on an event loop (it blocks)");
        }
        closed = true;
        long deadline = ticker.getAsLong() + config.closeTimeout().toNanos();
        context.accepting = false;
        serverChannel.close().awaitUninterruptibly(Math.min(1_000_000_000L, config.closeTimeout().toNanos() / 4),
                TimeUnit.NANOSECONDS);
        log.info("AudioHook server draining {} session(s) for up to {}", activeSessions(), dev.voicegate.audiohook.config.ConfigText.duration(config.drainPeriod()));
        ShutdownDrain drain = new ShutdownDrain(context.sessionChannels, ticker);
        drain.awaitEmpty(ticker.getAsLong() + config.drainPeriod().toNanos());
        drain.disconnectAll();
        // Give clients time to answer `close` → `closed` and to close their sockets; keep 500 ms for the rest.
        drain.awaitEmpty(deadline - Duration.ofMillis(500).toNanos());
        context.sessionChannels.close().awaitUninterruptibly(Math.max(1, (deadline - ticker.getAsLong()) / 2),
                TimeUnit.NANOSECONDS);
        shutdownGroups(deadline);
        log.info("AudioHook server closed");
    }

    private boolean onOwnEventLoop() {
        for (io.netty.util.concurrent.EventExecutor e : workers) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return boss.next().inEventLoop();
    }

    private void shutdownGroups(long deadline) {
        if (!ownsLoops) {
            return;
        }
        io.netty.util.concurrent.Future<?> w = workers.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
        io.netty.util.concurrent.Future<?> b = boss.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
        w.awaitUninterruptibly(Math.max(1, deadline - ticker.getAsLong()), TimeUnit.NANOSECONDS);
        b.awaitUninterruptibly(Math.max(1, deadline - ticker.getAsLong()), TimeUnit.NANOSECONDS);
    }

    /** Builder; every value has a default except the listener and the auth config. */
    public static final class Builder {
        private String host = AudioHookServerConfig.DEFAULT_HOST;
        private int port = AudioHookServerConfig.DEFAULT_PORT;
        private String path = AudioHookServerConfig.DEFAULT_PATH;
        private AuthConfig auth;
        private AuthMode authMode = AuthMode.REQUEST;
        private ServerLimits limits = ServerLimits.defaults();
        private SessionConfig session = SessionConfig.defaults();
        private Duration drainPeriod = AudioHookServerConfig.DEFAULT_DRAIN_PERIOD;
        private Duration closeTimeout;
        private AudioHookListener listener;
        private MeterRegistry registry = new SimpleMeterRegistry();
        private Clock clock = Clock.systemUTC();
        private LongSupplier ticker = System::nanoTime;
        private int ioThreads;
        private EventLoopGroup acceptor;
        private EventLoopGroup workers;
        private Class<? extends ServerSocketChannel> channelType;
        private SslContext tls;

        private Builder() {
        }

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder path(String path) { this.path = path; return this; }
        public Builder auth(AuthConfig auth) { this.auth = auth; return this; }
        public Builder authMode(AuthMode mode) { this.authMode = mode; return this; }
        public Builder limits(ServerLimits limits) { this.limits = limits; return this; }
        public Builder session(SessionConfig session) { this.session = session; return this; }
        public Builder drainPeriod(Duration d) { this.drainPeriod = d; return this; }
        /** Upper bound of {@code close()}; unset = the drain period plus {@link AudioHookServerConfig#CLOSE_MARGIN}. */
        public Builder closeTimeout(Duration d) { this.closeTimeout = d; return this; }
        /** Takes every server setting from a validated config (see {@link AudioHookServerConfig#defaults}). */
        public Builder config(AudioHookServerConfig c) {
            return host(c.host()).port(c.port()).path(c.path()).auth(c.auth()).authMode(c.authMode()).limits(c.limits())
                    .session(c.session()).drainPeriod(c.drainPeriod()).closeTimeout(c.closeTimeout());
        }
        public Builder listener(AudioHookListener l) { this.listener = l; return this; }
        public Builder meterRegistry(MeterRegistry r) { this.registry = r; return this; }
        /** Wall clock for signature checks. */
        public Builder clock(Clock c) { this.clock = c; return this; }
        /** Monotonic nanoseconds for rate limits, delays and latency. */
        public Builder ticker(LongSupplier t) { this.ticker = t; return this; }
        /** I/O threads of the server's own event loops; 0 = Netty's default (2 × cores). Ignored with {@link #eventLoops}. */
        public Builder ioThreads(int n) { this.ioThreads = n; return this; }
        /**
         * Runs on these event loops (shared with other servers) instead of creating its own; {@code channelType}
         * must match the groups' transport (NIO or epoll). {@link AudioHookServer#close()} closes the server's
         * channels but leaves the groups to their owner.
         */
        public Builder eventLoops(EventLoopGroup acceptor, EventLoopGroup workers,
                                  Class<? extends ServerSocketChannel> channelType) {
            this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
            this.workers = Objects.requireNonNull(workers, "workers");
            this.channelType = Objects.requireNonNull(channelType, "channelType");
            return this;
        }
        /** Serve {@code wss://} with this server context; null (default) serves plain {@code ws://}. */
        public Builder tls(SslContext context) {
            if (context != null && !context.isServer()) {
                throw new IllegalArgumentException("audiohook.tls: a client context (expected: a server SslContext)");
            }
            this.tls = context;
            return this;
        }

        /** Validates, binds and starts the server. */
        public AudioHookServer start() {
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(registry, "meterRegistry");
            if (ioThreads < 0) {
                throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 0)");
            }
            AudioHookServerConfig config = new AudioHookServerConfig(host, port, path, auth, authMode, limits, session,
                    drainPeriod, closeTimeout);
            return new AudioHookServer(this, config).start();
        }
    }
}
