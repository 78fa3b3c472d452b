package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.ServerState;
import dev.voicegate.notifier.api.AgentCommandListener;
import dev.voicegate.notifier.api.AgentNotifier;
import dev.voicegate.notifier.api.AuditSink;
import dev.voicegate.notifier.api.TokenValidator;
import dev.voicegate.notifier.config.NotifierConfig;
import dev.voicegate.notifier.engine.Authorizer;
import dev.voicegate.notifier.engine.CommandDispatcher;
import dev.voicegate.notifier.engine.LoggingAuditSink;
import dev.voicegate.notifier.engine.NotifierMetrics;
import dev.voicegate.notifier.engine.SubscriptionHub;
import dev.voicegate.notifier.protocol.WireCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The agent port: the static agent app at {@code /agent/} and the agent WebSocket at
 * {@code /agent/ws}. Build with {@link #builder}, {@link #start()}, hand {@link #notifier()} to
 * gateway-core's transaction manager, {@link #close()} on shutdown (clients get close code 1001).
 *
 * <p>Threads: one acceptor thread and {@code workerThreads} event loops, all named
 * {@code agent-notifier-*}, unless the builder was given shared {@linkplain Builder#eventLoops event loops}.
 * Lifecycle: {@link ServerState}.
 */
public final class AgentNotifierServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentNotifierServer.class);
    private static final long SWEEP_INTERVAL_SECONDS = 60;

    private final Builder b;
    private final SubscriptionHub hub;
    private final NotifierMetrics metrics;
    private final ServerContext context;
    private final AtomicReference<ServerState> state = new AtomicReference<>(ServerState.NEW);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    /** False when the groups were given to the builder: their owner shuts them down, not {@link #close()}. */
    private final boolean ownsLoops;
    private Channel serverChannel;
    private ScheduledFuture<?> sweeper;

    private AgentNotifierServer(Builder b) {
        this.b = b;
        this.ownsLoops = b.workers == null;
        this.metrics = new NotifierMetrics(b.meterRegistry);
        WireCodec codec = new WireCodec();
        this.hub = new SubscriptionHub(codec, b.config.limits(), metrics, b.ticker);
        CommandDispatcher dispatcher = new CommandDispatcher(b.commandListener, b.auditSink, new Authorizer(hub),
                new CommandDispatcher.Settings(b.clock, b.config.limits().maxRememberedRequests(),
                        b.config.limits().commandTimeout(), metrics));
        ChannelGroup sockets = new DefaultChannelGroup("agent-sockets", GlobalEventExecutor.INSTANCE);
        this.context = new ServerContext(b.config, b.tokenValidator, hub, dispatcher, codec, metrics,
                new StaticAssets(), sockets, b.clock);
    }

    /** A builder; config, token validator and command listener are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port (blocking the caller until bound). Call once. */
    public AgentNotifierServer start() throws InterruptedException {
        transition(ServerState.NEW, ServerState.STARTING);
        boss = ownsLoops ? new NioEventLoopGroup(1, new DefaultThreadFactory("agent-notifier-accept")) : b.acceptor;
        workers = ownsLoops ? new NioEventLoopGroup(b.workerThreads, new DefaultThreadFactory("agent-notifier-io")) : b.workers;
        int high = b.config.limits().writeBufferHighWaterMark();
        try {
            serverChannel = new ServerBootstrap().group(boss, workers)
                    .channel(ownsLoops ? NioServerSocketChannel.class : b.channelType)
                    .option(ChannelOption.SO_REUSEADDR, true) // a restart may rebind while old sockets sit in TIME_WAIT
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                    .childHandler(new AgentServerInitializer(context))
                    .bind(b.config.host(), b.config.port()).sync().channel();
        } catch (InterruptedException e) {
            shutdownGroups();
            state.set(ServerState.STOPPED);
            throw e;
        } catch (Exception e) { // sync() rethrows the bind failure (a checked BindException) as it is
            shutdownGroups();
            state.set(ServerState.STOPPED);
            throw new IllegalStateException("cannot listen on " + b.config.host() + ":" + b.config.port() + ": " + e.getMessage(), e);
        }
        sweeper = workers.next().scheduleAtFixedRate(hub::sweepIdle, SWEEP_INTERVAL_SECONDS, SWEEP_INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        transition(ServerState.STARTING, ServerState.RUNNING);
        log.info("agent notifier listening on {}:{} (app /agent/, socket /agent/ws)", b.config.host(), boundPort());
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int boundPort() {
        Channel ch = serverChannel;
        if (ch == null) {
            throw new IllegalStateException("state: " + state.get() + " (expected: RUNNING)");
        }
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /** What gateway-core calls: bind/unbind/publish/progress. Usable before {@link #start()}. */
    public AgentNotifier notifier() {
        return hub;
    }

    /** The meters' registry (the one given to the builder, or a private simple registry). */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    public ServerState state() {
        return state.get();
    }

    /** Closes clients with 1001, stops listening, and shuts the event loops down. Idempotent. */
    @Override
    public void close() {
        ServerState s = state.get();
        if (s == ServerState.STOPPED || s == ServerState.STOPPING) {
            return;
        }
        if (s == ServerState.NEW) {
            state.set(ServerState.NEW.transitionTo(ServerState.STOPPED));
            return;
        }
        transition(s, ServerState.STOPPING);
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        serverChannel.close().syncUninterruptibly();
        context.sockets().writeAndFlush(new CloseWebSocketFrame(CloseCodes.GOING_AWAY, "server shutting down"))
                .awaitUninterruptibly(2, TimeUnit.SECONDS);
        context.sockets().close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        shutdownGroups();
        transition(ServerState.STOPPING, ServerState.STOPPED);
        log.info("agent notifier stopped");
    }

    private void shutdownGroups() {
        if (!ownsLoops) {
            return;
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void transition(ServerState from, ServerState to) {
        ServerState current = state.get();
        current.transitionTo(to); // the table's message when illegal from where we are
        if (current != from || !state.compareAndSet(from, to)) {
            throw new IllegalStateException("state: " + current + " -> " + to + " (expected: " + from + ")");
        }
    }

    /** Builder for {@link AgentNotifierServer}. Not thread-safe. */
    public static final class Builder {
        private NotifierConfig config;
        private TokenValidator tokenValidator;
        private AgentCommandListener commandListener;
        private AuditSink auditSink = new LoggingAuditSink();
        private MeterRegistry meterRegistry = new SimpleMeterRegistry();
        private Clock clock = Clock.systemUTC();
        private LongSupplier ticker = System::nanoTime;
        private int workerThreads = 2;
        private EventLoopGroup acceptor;
        private EventLoopGroup workers;
        private Class<? extends ServerChannel> channelType;

        public Builder config(NotifierConfig config) {
            this.config = config;
            return this;
        }

        /** How upgrade tokens are checked (wrap a remote validator in a {@code CachingTokenValidator}). */
        public Builder tokenValidator(TokenValidator validator) {
            this.tokenValidator = validator;
            return this;
        }

        public Builder commandListener(AgentCommandListener listener) {
            this.commandListener = listener;
            return this;
        }

        /** Default: {@link LoggingAuditSink}. */
        public Builder auditSink(AuditSink sink) {
            this.auditSink = sink;
            return this;
        }

        /** Default: a private {@code SimpleMeterRegistry}. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /** Wall clock (audit timestamps) and monotonic ticker (idle TTLs). Defaults: system. */
        public Builder time(Clock clock, LongSupplier ticker) {
            this.clock = clock;
            this.ticker = ticker;
            return this;
        }

        /**
         * Runs on these event loops (shared with other servers) instead of creating its own; {@code channelType}
         * must match the groups' transport (NIO or epoll). {@link AgentNotifierServer#close()} closes the
         * server's channels but leaves the groups to their owner.
         */
        public Builder eventLoops(EventLoopGroup acceptor, EventLoopGroup workers, Class<? extends ServerChannel> channelType) {
            this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
            this.workers = Objects.requireNonNull(workers, "workers");
            this.channelType = Objects.requireNonNull(channelType, "channelType");
            return this;
        }

        /** Threads of the server's own event loops (default 2); ignored with {@link #eventLoops}. */
        public Builder workerThreads(int threads) {
            if (threads <= 0) {
                throw new IllegalArgumentException("agent.workerThreads: " + threads + " (expected: > 0)");
            }
            this.workerThreads = threads;
            return this;
        }

        public AgentNotifierServer build() {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(tokenValidator, "tokenValidator");
            Objects.requireNonNull(commandListener, "commandListener");
            Objects.requireNonNull(auditSink, "auditSink");
            Objects.requireNonNull(meterRegistry, "meterRegistry");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ticker, "ticker");
            return new AgentNotifierServer(this);
        }
    }
}
