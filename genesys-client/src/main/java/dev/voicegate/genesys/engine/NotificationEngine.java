package dev.voicegate.genesys.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.ConversationEventListener;
import dev.voicegate.genesys.api.ConversationSnapshot;
import dev.voicegate.genesys.api.NotificationHealthListener;
import dev.voicegate.genesys.api.NotificationService;
import dev.voicegate.genesys.config.NotificationConfig;
import dev.voicegate.genesys.internal.Scheduler;
import dev.voicegate.genesys.internal.SerialExecutor;
import dev.voicegate.genesys.internal.SocketConnector;
import dev.voicegate.genesys.protocol.NotificationMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The {@link NotificationService}: owns the shards (topic slices), reconciles them with the
 * monitored agents, runs the ping and watchdog timers, computes health and delivers deduplicated
 * events. All state lives on one {@link SerialExecutor}; public methods only enqueue.
 */
public final class NotificationEngine implements NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationEngine.class);
    private static final int SERIAL_CAPACITY = 10_000;

    /** Collaborators (production wiring in {@code GenesysClient}; fakes in tests). */
    public record Deps(GenesysRest rest, TokenProvider tokens, SocketConnector connector, Scheduler scheduler,
                       Executor executor, Clock clock, LongSupplier ticker, DoubleSupplier random,
                       MeterRegistry meters, ObjectMapper json) {
    }

    private final NotificationConfig config;
    private final Deps deps;
    private final SerialExecutor serial;
    private final ChannelDriver driver;
    private final ConversationTracker tracker;
    private final NotificationMetrics metrics;
    private final EventDispatcher dispatcher;
    private final List<Shard> shards = new ArrayList<>();
    private final List<ChannelSession> sessions = new ArrayList<>();
    private final Set<Shard> slotWaiters = new LinkedHashSet<>();
    private final List<Scheduler.Cancellable> timers = new ArrayList<>();
    private volatile List<ChannelSession> sessionsView = List.of();
    private volatile boolean healthy;
    private volatile boolean closed;
    private volatile Thread serialThread;
    private Set<String> desired = new TreeSet<>();
    private boolean started;

    public NotificationEngine(NotificationConfig config, Deps deps) {
        this.config = Objects.requireNonNull(config, "config");
        this.deps = deps;
        this.serial = new SerialExecutor(deps.executor(), SERIAL_CAPACITY);
        this.driver = new ChannelDriver(this, config, deps);
        this.tracker = new ConversationTracker(config.trackerCapacity(), config.trackerTtl(), deps.ticker());
        this.metrics = new NotificationMetrics(deps.meters(), () -> sessionsView, deps.ticker(), () -> healthy,
                tracker::size);
        this.dispatcher = new EventDispatcher(tracker, deps.clock());
        dispatcher.metrics(metrics);
    }

    @Override
    public void start() {
        onSerial(() -> {
            if (started || closed) {
                return;
            }
            started = true;
            log.info("[genesys] notification service starting with {} monitored agents", desired.size());
            repeat(config.pingInterval(), () -> sessions.forEach(driver.sockets()::ping));
            repeat(watchdogPeriod(), () -> {
                List.copyOf(sessions).forEach(driver::watch);
                evaluateHealth();
            });
            applyPlan();
            evaluateHealth();
        });
    }

    private Duration watchdogPeriod() {
        Duration quarter = config.heartbeatTimeout().dividedBy(4);
        return quarter.compareTo(config.pingInterval()) < 0 ? quarter : config.pingInterval();
    }

    private void repeat(Duration period, Runnable task) {
        Scheduler.Cancellable[] handle = new Scheduler.Cancellable[1];
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> onSerial(() -> {
            if (closed) {
                return;
            }
            task.run();
            timers.remove(handle[0]);
            handle[0] = deps.scheduler().schedule(loop[0], period);
            timers.add(handle[0]);
        });
        handle[0] = deps.scheduler().schedule(loop[0], period);
        timers.add(handle[0]);
    }

    @Override
    public void setMonitoredAgents(Set<String> userIds) {
        Objects.requireNonNull(userIds, "userIds");
        Set<String> topics = new TreeSet<>();
        for (String id : userIds) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("userIds: contains a blank id (expected: Genesys user ids)");
            }
            topics.add(NotificationMessage.topicFor(id));
        }
        long capacity = (long) (config.maxChannels() - 1) * config.topicsPerChannel();
        if (topics.size() > capacity) {
            throw new IllegalArgumentException("monitored agents: " + topics.size() + " (expected: <= " + capacity
                    + " = " + (config.maxChannels() - 1) + " channels of " + config.topicsPerChannel()
                    + " topics; one channel slot is kept for rotation)");
        }
        onSerial(() -> {
            desired = topics;
            if (started && !closed) {
                applyPlan();
            }
        });
    }

    private void applyPlan() {
        List<Set<String>> current = shards.stream().<Set<String>>map(s -> s.topics).toList();
        List<Set<String>> plan = ShardPlanner.plan(current, desired, config.topicsPerChannel(), config.maxChannels() - 1);
        for (int i = 0; i < plan.size(); i++) {
            Shard shard;
            if (i < shards.size()) {
                shard = shards.get(i);
            } else {
                shard = new Shard(i);
                shard.removed = true;
                shards.add(shard);
            }
            Set<String> next = plan.get(i);
            if (next.equals(shard.topics) && !shard.removed) {
                continue;
            }
            shard.topics.clear();
            shard.topics.addAll(next);
            if (next.isEmpty()) {
                if (!shard.removed) {
                    log.info("[genesys shard={}] no topics left; closing its channel", i);
                    driver.retire(shard);
                }
            } else if (shard.removed) {
                shard.removed = false;
                driver.open(shard, false);
            } else {
                if (shard.active != null) {
                    driver.put(shard.active);
                }
                if (shard.successor != null) {
                    driver.put(shard.successor);
                }
            }
        }
        evaluateHealth();
    }

    void deliver(String userId, ConversationSnapshot snapshot) {
        if (!closed) {
            dispatcher.deliver(userId, snapshot);
        }
    }

    void evaluateHealth() {
        String reason = null;
        if (!started || closed) {
            reason = closed ? "closed" : "not started";
        } else {
            long now = deps.ticker().getAsLong();
            for (Shard shard : shards) {
                if (!shard.removed && !deliverable(shard.active, now) && !deliverable(shard.successor, now)) {
                    reason = "shard " + shard.index + ": " + (shard.active == null ? "no channel"
                            : shard.active.state().name().toLowerCase(java.util.Locale.ROOT));
                    break;
                }
            }
        }
        boolean now = reason == null;
        if (now != healthy) {
            healthy = now;
            long live = shards.stream().filter(sh -> !sh.removed).count();
            dispatcher.healthChanged(now, now ? (live == 0 ? "no channels needed yet (no monitored agents)"
                    : "all " + live + " channel(s) live") : reason);
        }
    }

    private boolean deliverable(ChannelSession s, long now) {
        if (s == null || s.lost) {
            return false;
        }
        ChannelState st = s.state();
        return st == ChannelState.ACTIVE || (st == ChannelState.RECONNECTING
                && s.socket != null && !s.socket.closed && now - s.lastLivenessNanos <= config.heartbeatTimeout().toNanos());
    }

    void sessionAdded(ChannelSession s) {
        sessions.add(s);
        sessionsView = List.copyOf(sessions);
    }

    void sessionClosed(ChannelSession s) {
        sessions.remove(s);
        sessionsView = List.copyOf(sessions);
        if (!slotWaiters.isEmpty() && !closed) {
            Shard next = slotWaiters.iterator().next();
            slotWaiters.remove(next);
            driver.rotate(next, "slot_freed");
        }
    }

    int liveSessionCount() {
        return sessions.size();
    }

    void waitForSlot(Shard shard) {
        log.warn("[genesys shard={}] all {} channel slots in use; waiting for one", shard.index, config.maxChannels());
        slotWaiters.add(shard);
    }

    boolean isClosed() {
        return closed;
    }

    NotificationMetrics metrics() {
        return metrics;
    }

    void onSerial(Runnable task) {
        try {
            serial.execute(() -> {
                serialThread = Thread.currentThread();
                try {
                    task.run();
                } finally {
                    serialThread = null;
                }
            });
        } catch (RejectedExecutionException e) {
            if (closed) {
                log.debug("[genesys] late notification task after close dropped");
                return;
            }
            metrics.failure("serial_queue_full");
            log.error("[genesys] notification task dropped: {}", e.getMessage());
        }
    }

    void onSerialOrDrop(Runnable task, CompletableFuture<Void> done) {
        try {
            serial.execute(task);
        } catch (RejectedExecutionException e) {
            metrics.received("dropped");
            done.complete(null);
        }
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    @Override
    public void addEventListener(ConversationEventListener listener) {
        dispatcher.addListener(listener);
    }

    @Override
    public void addHealthListener(NotificationHealthListener listener) {
        dispatcher.addHealthListener(listener);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        onSerial(() -> {
            closed = true;
            timers.forEach(Scheduler.Cancellable::cancel);
            timers.clear();
            shards.forEach(driver::retire);
            evaluateHealth();
            done.complete(null);
        });
        if (Thread.currentThread() != serialThread) {
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("[genesys] notification service did not close within 5 s: {}", e.toString());
            }
        }
        closed = true;
    }
}
