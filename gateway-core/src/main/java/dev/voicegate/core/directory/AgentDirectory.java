package dev.voicegate.core.directory;

import dev.voicegate.core.time.Timers;
import dev.voicegate.genesys.api.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The monitored agents: members of the configured Genesys groups and queues, synced at start and
 * every {@code genesys.agentSyncInterval} (architecture §1 step 1). A sync that fails keeps the last
 * good directory and retries after the given {@link Backoff} (jittered, exponential, capped at the
 * interval in the gateway: from {@link #FIRST_RETRY}). Each change is logged
 * as a diff and handed to the {@link Listener} (which reconciles notification subscriptions and
 * releases streams of removed agents). Reads are lock-free; syncs never overlap.
 */
public final class AgentDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgentDirectory.class);
    /** Cap of the first retry's delay; doubles per failure in a row. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    /** Told about each change of the directory. */
    public interface Listener {
        void onChange(Set<String> all, Set<String> added, Set<String> removed);
    }

    /** Which groups and queues, how often. */
    public record Sources(List<String> groups, List<String> queues, Duration interval) {
        public Sources {
            groups = List.copyOf(groups);
            queues = List.copyOf(queues);
        }
    }

    private final Sources sources;
    private final MemberSource source;
    private final Timers timers;
    private final Backoff retry;
    private final Listener listener;
    private final Counter syncOk;
    private final Counter syncFailed;
    private final AtomicBoolean syncing = new AtomicBoolean();
    private volatile Map<String, String> members = Map.of();
    private volatile boolean loaded;
    private volatile boolean closed;
    private volatile Timers.Cancellable next = () -> { };
    private int failuresInARow;

    /** @param retry delays of the retries after a failed sync (the gateway's: {@link #FIRST_RETRY} up to the interval) */
    public AgentDirectory(Sources sources, MemberSource source, Timers timers, Backoff retry, Listener listener,
                          MeterRegistry registry) {
        this.sources = sources;
        this.source = source;
        this.timers = timers;
        this.retry = retry;
        this.listener = listener;
        this.syncOk = Counter.builder("voicegate.directory.syncs").tag("outcome", "ok").register(registry);
        this.syncFailed = Counter.builder("voicegate.directory.syncs").tag("outcome", "failed").register(registry);
        Gauge.builder("voicegate.directory.agents", () -> members.size()).register(registry);
    }

    /** Starts syncing; the returned stage completes after the first sync attempt (successful or not). */
    public CompletionStage<Void> start() {
        return sync();
    }

    /** Whether the agent is a member of a configured group or queue. */
    public boolean contains(String userId) {
        return members.containsKey(userId);
    }

    public Set<String> agents() {
        return members.keySet();
    }

    /** Whether one sync has succeeded (readiness). */
    public boolean loaded() {
        return loaded;
    }

    /** Runs a sync now (also used by the timer); a sync already running makes this a no-op. */
    public CompletionStage<Void> sync() {
        if (closed || !syncing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<List<MemberSource.Member>>> parts = new ArrayList<>();
        sources.groups().forEach(g -> parts.add(source.groupMembers(g).toCompletableFuture()));
        sources.queues().forEach(q -> parts.add(source.queueMembers(q).toCompletableFuture()));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).handle((ok, failure) -> {
            try {
                if (failure != null) {
                    failed(failure);
                } else {
                    Map<String, String> fresh = new HashMap<>();
                    parts.forEach(p -> p.join().forEach(m -> fresh.put(m.userId(), m.name())));
                    apply(fresh);
                }
            } finally {
                syncing.set(false);
            }
            return null;
        });
    }

    private void apply(Map<String, String> fresh) {
        Map<String, String> old = members;
        Set<String> added = new HashSet<>(fresh.keySet());
        added.removeAll(old.keySet());
        Set<String> removed = new HashSet<>(old.keySet());
        removed.removeAll(fresh.keySet());
        members = Map.copyOf(fresh);
        loaded = true;
        failuresInARow = 0;
        syncOk.increment();
        if (!added.isEmpty() || !removed.isEmpty()) {
            log.info("agent directory: {} agents (+{} {}, -{} {})", fresh.size(), added.size(), names(added, fresh),
                    removed.size(), names(removed, old));
            listener.onChange(members.keySet(), Set.copyOf(added), Set.copyOf(removed));
        }
        schedule(sources.interval());
    }

    private void failed(Throwable failure) {
        syncFailed.increment();
        failuresInARow++;
        Duration backoff = retry.delay(failuresInARow);
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        log.warn("agent directory sync failed ({} in a row); keeping the last {} agents, retrying in {}: {}",
                failuresInARow, members.size(), dev.voicegate.core.config.Durations.format(backoff), cause.getMessage());
        schedule(backoff);
    }

    private void schedule(Duration delay) {
        if (!closed) {
            next = timers.schedule(this::sync, delay);
        }
    }

    private static String names(Set<String> ids, Map<String, String> names) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (out.size() == 10) {
                out.add("…");
                break;
            }
            out.add(names.getOrDefault(id, "?") + " (" + id + ")");
        }
        return out.toString();
    }

    @Override
    public void close() {
        closed = true;
        next.cancel();
    }
}
