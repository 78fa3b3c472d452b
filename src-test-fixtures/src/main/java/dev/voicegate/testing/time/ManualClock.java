package dev.voicegate.testing.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A wall clock and a monotonic ticker that only move when a test says so. Thread-safe.
 *
 * <p>Production code takes a {@link Clock} for wall time and a {@link LongSupplier} of nanoseconds
 * for monotonic time; this class provides both views over the same manual time line.
 */
public final class ManualClock extends Clock {

    private final AtomicLong epochNanos;
    private final ZoneId zone;

    public ManualClock(Instant start) {
        this(start.getEpochSecond() * 1_000_000_000L + start.getNano(), ZoneOffset.UTC);
    }

    private ManualClock(long epochNanos, ZoneId zone) {
        this.epochNanos = new AtomicLong(epochNanos);
        this.zone = zone;
    }

    /** Moves both wall time and the ticker forward. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("by: " + by + " (expected: >= 0)");
        }
        epochNanos.addAndGet(by.toNanos());
    }

    /** Sets wall time (the ticker moves by the same delta; it may not go backwards). */
    public void set(Instant instant) {
        long target = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        if (target < epochNanos.get()) {
            throw new IllegalArgumentException("instant: " + instant + " (expected: >= " + instant() + ")");
        }
        epochNanos.set(target);
    }

    /** Monotonic nanoseconds on the same time line (like {@code System.nanoTime()}). */
    public LongSupplier ticker() {
        return epochNanos::get;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ManualClock(epochNanos.get(), zone);
    }

    @Override
    public Instant instant() {
        long n = epochNanos.get();
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }
}
