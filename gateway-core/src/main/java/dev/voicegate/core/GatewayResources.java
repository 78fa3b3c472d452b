package dev.voicegate.core;

import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.core.admin.AdminServer;
import dev.voicegate.core.time.Timers;
import dev.voicegate.genesys.api.Backoff;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * What every component of one gateway shares, created once before any component and closed after all
 * of them (in the spirit of Lettuce's {@code ClientResources}): the time source, one acceptor and one I/O
 * event-loop group (native epoll where available, NIO otherwise) on which the AudioHook, agent and admin
 * servers all run, one scheduler thread for timers (the correlator's, the directory's, the retention
 * job's and the Genesys client's timers, retries and callbacks), the bounded blocking executor (store
 * I/O, the end of an analysis, retention) and the jitter source of the one retry policy ({@link Backoff}).
 *
 * <p>Built in this order by {@link #create}; {@link #close()} shuts them down in reverse order and waits
 * until their threads have ended, so nothing of a gateway keeps running after its {@code close()}. A
 * component given these resources never shuts them down itself. Thread-safe.
 */
public final class GatewayResources implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayResources.class);
    /** Thread name prefixes (each thread is {@code <prefix>-<n>-<m>}). */
    public static final String SCHEDULER_THREAD = "voicegate-scheduler";
    public static final String ACCEPT_THREADS = "voicegate-accept";
    public static final String IO_THREADS = "voicegate-io";
    public static final String BLOCKING_THREADS = "voicegate-blocking";
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    /**
     * @param ioThreads       threads of the shared I/O group; 0 = Netty's default (2 × cores)
     * @param blockingThreads threads of the blocking executor ({@code biometrics.workers})
     * @param blockingQueue   tasks that may wait for a blocking thread; beyond it a task is rejected
     */
    public record Settings(int ioThreads, int blockingThreads, int blockingQueue) {
        public Settings {
            if (ioThreads < 0 || blockingThreads < 1 || blockingQueue < 1) {
                throw new IllegalArgumentException("resources: ioThreads " + ioThreads + ", blockingThreads "
                        + blockingThreads + ", blockingQueue " + blockingQueue + " (expected: >= 0, >= 1, >= 1)");
            }
        }
    }

    private final Gateway.Time time;
    private final DoubleSupplier jitter;
    private final ScheduledExecutorService scheduler;
    private final Timers timers;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final Class<? extends ServerSocketChannel> serverChannel;
    private final ThreadPoolExecutor blocking;

    private GatewayResources(Settings settings, Gateway.Time time, DoubleSupplier jitter) {
        this.time = time;
        this.jitter = jitter;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory(SCHEDULER_THREAD, true));
        this.timers = Timers.on(scheduler);
        this.acceptors = Transports.group(1, ACCEPT_THREADS);
        this.workers = Transports.group(settings.ioThreads(), IO_THREADS);
        this.serverChannel = Transports.serverChannel();
        this.blocking = new ThreadPoolExecutor(settings.blockingThreads(), settings.blockingThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.blockingQueue()), new DefaultThreadFactory(BLOCKING_THREADS, true));
    }

    /** Creates the resources (threads start lazily, on first use). */
    public static GatewayResources create(Settings settings, Gateway.Time time) {
        return create(settings, time, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** As {@link #create(Settings, Gateway.Time)} with a given jitter source (uniform in [0, 1); tests fix it). */
    public static GatewayResources create(Settings settings, Gateway.Time time, DoubleSupplier jitter) {
        return new GatewayResources(settings, time, jitter);
    }

    public Gateway.Time time() {
        return time;
    }

    /** The one scheduler thread: timers only, tasks must be short and must not block. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** {@link #scheduler()} as domain {@link Timers}. */
    public Timers timers() {
        return timers;
    }

    /** Store I/O and other blocking work; bounded, rejects when full. Never run it from an event loop by blocking on it. */
    public ExecutorService blocking() {
        return blocking;
    }

    /** The acceptor and I/O groups with the matching server channel class, for every server of the gateway. */
    public AdminServer.ServerLoops serverLoops() {
        return new AdminServer.ServerLoops(acceptors, workers, serverChannel);
    }

    public EventLoopGroup acceptors() {
        return acceptors;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public Class<? extends ServerSocketChannel> serverChannel() {
        return serverChannel;
    }

    /** Uniform [0, 1) for retry jitter. */
    public DoubleSupplier jitter() {
        return jitter;
    }

    /** The retry policy (equal-jitter exponential backoff) from {@code initial} doubling up to {@code max}. */
    public Backoff backoff(Duration initial, Duration max) {
        return new Backoff(initial, max, jitter);
    }

    /** Reverse order of creation; waits (bounded) for each group's threads to end. Idempotent. */
    @Override
    public void close() {
        blocking.shutdown();
        await("blocking executor", () -> blocking.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        workers.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
        acceptors.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
        await("I/O event loops", () -> workers.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        await("acceptor event loop", () -> acceptors.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        scheduler.shutdownNow();
        await("scheduler", () -> scheduler.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private interface Wait {
        boolean await() throws InterruptedException;
    }

    private static void await(String what, Wait wait) {
        try {
            if (!wait.await()) {
                log.warn("{} did not stop within {} s", what, SHUTDOWN_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while stopping the {}", what);
        }
    }
}
