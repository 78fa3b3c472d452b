package dev.voicegate.core.bench;

import ch.qos.logback.classic.Level;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.core.gating.BindingListener;
import dev.voicegate.core.gating.Correlator;
import dev.voicegate.core.gating.CorrelatorConfig;
import dev.voicegate.core.gating.CorrelatorMetrics;
import dev.voicegate.core.time.Timers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;

/**
 * Correlator benchmark (issue #3 "Measure"): memory per pending session and per remembered event,
 * open decisions per second, event → {@code resume()} latency unpaced and at a paced rate with a
 * standing pool of pending sessions. Production wiring: the real {@link Correlator} with
 * {@link CorrelatorMetrics} on a Micrometer registry and {@link Timers} on a single-thread scheduler
 * (as {@code Gateway} builds them); only the AudioHook session is a stand-in that stamps the time of
 * {@code resume()}.
 *
 * <p>Run: {@code mvn -B -q -o -pl gateway-core test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.voicegate.core.bench.CorrelatorBench
 * -Dexec.args="--pending 10000 --per-minute 100000 --seconds 60"}. Add {@code --log} to keep the
 * per-bind INFO log line (off by default: it measures the console, not the correlator).
 */
public final class CorrelatorBench {
    private static final int AGENTS = 1_000;
    private final String[] agents = new String[AGENTS];
    private ScheduledExecutorService scheduler;
    private SimpleMeterRegistry registry;

    private CorrelatorBench() {
        for (int i = 0; i < AGENTS; i++) {
            agents[i] = UUID.randomUUID().toString();
        }
    }

    public static void main(String[] args) {
        Map<String, String> opts = BenchArgs.parse(args);
        if (!opts.containsKey("log")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.voicegate")).setLevel(Level.WARN);
        }
        int pending = Integer.parseInt(opts.getOrDefault("pending", "10000"));
        int perMinute = Integer.parseInt(opts.getOrDefault("per-minute", "100000"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
        int memoryN = Integer.parseInt(opts.getOrDefault("memory-n", "100000"));
        CorrelatorBench b = new CorrelatorBench();
        System.out.printf(Locale.ROOT, "CorrelatorBench: %d cores, load average %.1f, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20);
        b.memory(memoryN);
        b.openRate(pending, 200_000);
        b.unpaced(pending, 100_000, 300_000);
        b.paced(pending, perMinute, seconds);
        System.out.printf(Locale.ROOT, "done, load average %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private Correlator newCorrelator(int maxPending) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("bench-timers", true));
        registry = new SimpleMeterRegistry();
        java.util.Set<String> monitored = java.util.Set.of(agents);
        // Long timeouts keep the standing pool of pending sessions in place for the whole run.
        CorrelatorConfig config = new CorrelatorConfig(Duration.ofMinutes(10), Duration.ofMinutes(10), maxPending,
                CorrelatorConfig.defaultLead(Duration.ofMinutes(10)));
        return new Correlator(config, new Correlator.Ports(monitored::contains, () -> true,
                conv -> CompletableFuture.completedFuture(Optional.empty()), Timers.on(scheduler), System::nanoTime,
                BindingListener.NONE), new CorrelatorMetrics(registry, Clock.systemUTC()));
    }

    private AgentConversationEvent event(String conversationId, int i, boolean connected) {
        Instant now = Instant.now();
        return new AgentConversationEvent(conversationId, agents[i % AGENTS], connected, UUID.randomUUID().toString(),
                "tel:+3531555" + String.format(Locale.ROOT, "%04d", i % 10_000), Map.of(), now.minusMillis(40), now);
    }

    private void memory(int n) {
        BenchSession[] sessions = new BenchSession[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = new BenchSession(UUID.randomUUID().toString());
        }
        Correlator c = newCorrelator(2 * n);
        long base = HeapProbe.usedAfterGc();
        for (BenchSession s : sessions) {
            c.onOpen(s, s.info());
        }
        long withPending = HeapProbe.usedAfterGc();
        System.out.printf(Locale.ROOT, "memory: %d pending sessions: %.0f bytes each (heap after GC, %d -> %d MiB; "
                + "session objects excluded, timers included)%n", n, (withPending - base) / (double) n, base >> 20, withPending >> 20);
        sessions = null;
        c = newCorrelator(2 * n);
        base = HeapProbe.usedAfterGc();
        for (int i = 0; i < n; i++) {
            c.onEvent(event(UUID.randomUUID().toString(), i, true));
        }
        long withEvents = HeapProbe.usedAfterGc();
        System.out.printf(Locale.ROOT, "memory: %d remembered events: %.0f bytes each (heap after GC, %d -> %d MiB; "
                + "event record and its strings included)%n", n, (withEvents - base) / (double) n, base >> 20, withEvents >> 20);
        if (c.hashCode() == 0) {
            System.out.println("(keeps the correlator reachable)");
        }
    }

    private void openRate(int pending, int n) {
        Correlator c = newCorrelator(pending + 2 * n);
        fill(c, pending);
        BenchSession[] opens = new BenchSession[n];
        for (int i = 0; i < n; i++) {
            opens[i] = new BenchSession(UUID.randomUUID().toString());
        }
        long t0 = System.nanoTime();
        for (BenchSession s : opens) {
            c.onOpen(s, s.info());
        }
        long openFirst = System.nanoTime() - t0;
        for (int i = 0; i < n; i++) {
            opens[i] = new BenchSession(UUID.randomUUID().toString());
            c.onEvent(event(opens[i].info().conversationId(), i, true));
        }
        t0 = System.nanoTime();
        for (BenchSession s : opens) {
            c.onOpen(s, s.info());
        }
        long eventFirst = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "open decisions (%d pending around): start-paused %.0f/s, event-first (bind at open) %.0f/s%n",
                pending, n / (openFirst / 1e9), n / (eventFirst / 1e9));
    }

    private ArrayDeque<BenchSession> fill(Correlator c, int pending) {
        ArrayDeque<BenchSession> waiting = new ArrayDeque<>(pending);
        for (int i = 0; i < pending; i++) {
            waiting.add(open(c));
        }
        return waiting;
    }

    private static BenchSession open(Correlator c) {
        BenchSession s = new BenchSession(UUID.randomUUID().toString());
        c.onOpen(s, s.info());
        return s;
    }

    /** As fast as one thread can: each step binds the oldest pending session, closes it and opens a new one. */
    private void unpaced(int pending, int warmup, int measured) {
        Correlator c = newCorrelator(4 * pending);
        ArrayDeque<BenchSession> waiting = fill(c, pending);
        long[] lat = new long[measured];
        long cpu0 = 0;
        long t0 = 0;
        for (int i = 0; i < warmup + measured; i++) {
            if (i == warmup) {
                cpu0 = HeapProbe.processCpuNanos();
                t0 = System.nanoTime();
            }
            long d = bindOldest(c, waiting, i);
            if (i >= warmup) {
                lat[i - warmup] = d;
            }
            waiting.add(open(c));
        }
        long wall = System.nanoTime() - t0;
        long cpu = HeapProbe.processCpuNanos() - cpu0;
        System.out.printf(Locale.ROOT, "unpaced, %d pending: %.0f steps/s (1 event + 1 open + 1 close each), %.2f cores; "
                + "event->resume %s%n", pending, measured / (wall / 1e9), cpu / (double) wall, new Percentiles(lat, measured).summaryMillis());
    }

    private long bindOldest(Correlator c, ArrayDeque<BenchSession> waiting, int i) {
        BenchSession s = waiting.poll();
        AgentConversationEvent e = event(s.info().conversationId(), i, true);
        long t0 = System.nanoTime();
        c.onEvent(e);
        long d = s.resumedAtNanos - t0;
        if (s.resumes != 1) {
            throw new IllegalStateException("session " + s.sessionId() + " resumed " + s.resumes + " times (expected: 1)");
        }
        c.onClose(s);
        return d;
    }

    /** One paced event; returns event -> resume nanos for a binding event, -1 for an ended one. */
    private long pacedStep(Correlator c, ArrayDeque<BenchSession> waiting, ArrayDeque<BenchSession> boundCalls, int i) {
        if (i % 2 == 0 || boundCalls.isEmpty()) {
            BenchSession s = waiting.poll();
            AgentConversationEvent e = event(s.info().conversationId(), i, true);
            long t0 = System.nanoTime();
            c.onEvent(e);
            boundCalls.add(s);
            return s.resumedAtNanos - t0;
        }
        BenchSession s = boundCalls.poll();
        c.onEvent(event(s.info().conversationId(), i - 1, false));
        c.onClose(s);
        waiting.add(open(c));
        return -1;
    }

    /**
     * {@code perMinute} events at an even pace for {@code seconds}: alternately a connected event that
     * binds the oldest pending session, and an ended event of a bound call followed by its close and a
     * new open (so the pending pool stays at {@code pending}).
     */
    private void paced(int pending, int perMinute, int seconds) {
        Correlator c = newCorrelator(4 * pending);
        ArrayDeque<BenchSession> waiting = fill(c, pending);
        ArrayDeque<BenchSession> boundCalls = new ArrayDeque<>();
        int total = (int) ((long) perMinute * seconds / 60);
        long interval = 60_000_000_000L / perMinute;
        long[] lat = new long[total];
        int measured = 0;
        long late = 0;
        HeapProbe.usedAfterGc();
        long cpu0 = HeapProbe.processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            late = Math.max(late, now - due);
            long d = pacedStep(c, waiting, boundCalls, i);
            if (d >= 0) {
                lat[measured++] = d;
            }
        }
        long wall = System.nanoTime() - start;
        long cpu = HeapProbe.processCpuNanos() - cpu0;
        System.out.printf(Locale.ROOT, "paced %d events/min for %d s with %d pending: %.0f events/s achieved, CPU %.1f %% of one core "
                + "(whole JVM, incl. JIT/GC), worst pacing lag %.1f ms; event->resume %s%n", perMinute, seconds, pending,
                total / (wall / 1e9), 100.0 * cpu / wall, late / 1e6, new Percentiles(lat, measured).summaryMillis());
        var t = registry.get("voicegate.gating.event.to.resume").timer().takeSnapshot();
        System.out.printf(Locale.ROOT, "  correlator's own timer voicegate.gating.event.to.resume (whole phase incl. fill): %s%n", t);
    }
}
