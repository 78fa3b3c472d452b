package dev.voicegate.biometrics.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/**
 * The store's meters. Tags are low-cardinality: {@code op} is one of a fixed set of operation names,
 * never a biokey.
 *
 * <ul>
 *   <li>{@code voicegate.biometrics.store.operations} (timer; op, outcome=ok|error)</li>
 *   <li>{@code voicegate.biometrics.store.unreadable} (counter; records skipped because they could
 *       not be decrypted)</li>
 *   <li>{@code voicegate.biometrics.store.pool.pending} and {@code .pool.active} (gauges; pool=writer|reader):
 *       callers waiting for a connection — the store's only queue, bounded by the callers' executor
 *       and the pool's connection timeout — and connections in use</li>
 * </ul>
 */
public final class StoreMetrics {

    static final String PREFIX = "voicegate.biometrics.store.";

    private final MeterRegistry registry;
    private final Counter unreadable;

    public StoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unreadable = Counter.builder(PREFIX + "unreadable")
                .description("records skipped because they could not be decrypted").register(registry);
    }

    /** Starts timing an operation. */
    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** Stops timing {@code op}. */
    public void stop(Timer.Sample sample, String op, boolean ok) {
        sample.stop(Timer.builder(PREFIX + "operations").tag("op", tagValue(op)).tag("outcome", ok ? "ok" : "error")
                .register(registry));
    }

    /** Counts records that could not be decrypted. */
    public void unreadable(long count) {
        if (count > 0) {
            unreadable.increment(count);
        }
    }

    void bindPool(String name, HikariDataSource pool) {
        Gauge.builder(PREFIX + "pool.pending", pool, p -> p.getHikariPoolMXBean() == null ? 0
                        : p.getHikariPoolMXBean().getThreadsAwaitingConnection())
                .tag("pool", name).description("callers waiting for a connection").register(registry);
        Gauge.builder(PREFIX + "pool.active", pool, p -> p.getHikariPoolMXBean() == null ? 0
                        : p.getHikariPoolMXBean().getActiveConnections())
                .tag("pool", name).description("connections in use").register(registry);
    }

    private static String tagValue(String op) {
        return op.replace(' ', '_').toLowerCase(Locale.ROOT);
    }
}
