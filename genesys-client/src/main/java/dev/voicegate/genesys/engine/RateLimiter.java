package dev.voicegate.genesys.engine;

import java.util.function.LongSupplier;

/**
 * Client-side token bucket: {@code perMinute} requests per minute with a burst of {@code burst},
 * plus a global pause after a 429 ({@link #pauseFor}). {@link #reserve()} never blocks: it takes a
 * permit and says how long the caller must wait before using it. Thread-safe.
 */
public final class RateLimiter {

    private final LongSupplier ticker;
    private final double permitsPerNano;
    private final double burst;
    private double stored;
    private long lastNanos;
    private long pausedUntilNanos;

    public RateLimiter(int perMinute, int burst, LongSupplier ticker) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("rate: " + perMinute + "/min burst " + burst + " (expected: >= 1)");
        }
        this.ticker = ticker;
        this.permitsPerNano = perMinute / 60e9;
        this.burst = burst;
        this.stored = burst;
        this.lastNanos = ticker.getAsLong();
        this.pausedUntilNanos = lastNanos;
    }

    /** Takes a permit; returns the nanoseconds to wait before sending (0 = now). */
    public synchronized long reserve() {
        long now = ticker.getAsLong();
        stored = Math.min(burst, stored + (now - lastNanos) * permitsPerNano);
        lastNanos = now;
        stored -= 1;
        long bucketWait = stored >= 0 ? 0 : (long) Math.ceil(-stored / permitsPerNano);
        return Math.max(bucketWait, pausedUntilNanos - now);
    }

    /** Holds every request for {@code nanos} from now (Genesys asked us to back off). */
    public synchronized void pauseFor(long nanos) {
        pausedUntilNanos = Math.max(pausedUntilNanos, ticker.getAsLong() + nanos);
    }
}
