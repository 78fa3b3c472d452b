package dev.voicegate.genesys.engine;

import java.util.function.LongSupplier;

/**
 * Client-side token bucket: {@code perMinute} requests per minute, holding at most {@code capacity}
 * permits, plus a global pause after a 429 ({@link #pauseFor}). {@link #tryAcquire(int)} never blocks
 * and never takes a permit it cannot use now: it either takes one or says how long until one is free,
 * so a later caller with a higher priority is not queued behind earlier reservations. A caller may ask
 * to leave {@code keep} permits in the bucket (the share held back for another lane). Thread-safe.
 */
public final class RateLimiter {

    private final LongSupplier ticker;
    private final double permitsPerNano;
    private final double capacity;
    private double stored;
    private long lastNanos;
    private long pausedUntilNanos;

    public RateLimiter(int perMinute, int capacity, LongSupplier ticker) {
        if (perMinute < 1 || capacity < 1) {
            throw new IllegalArgumentException("rate: " + perMinute + "/min capacity " + capacity + " (expected: >= 1)");
        }
        this.ticker = ticker;
        this.permitsPerNano = perMinute / 60e9;
        this.capacity = capacity;
        this.stored = capacity;
        this.lastNanos = ticker.getAsLong();
        this.pausedUntilNanos = lastNanos;
    }

    /**
     * Takes a permit if one is free beyond the {@code keep} that must stay in the bucket and no pause
     * holds; returns 0 then. Otherwise takes nothing and returns the nanoseconds until a retry can succeed.
     */
    public synchronized long tryAcquire(int keep) {
        long now = ticker.getAsLong();
        stored = Math.min(capacity, stored + (now - lastNanos) * permitsPerNano);
        lastNanos = now;
        if (pausedUntilNanos > now) {
            return pausedUntilNanos - now;
        }
        double needed = 1 + keep;
        if (stored >= needed) {
            stored -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((needed - stored) / permitsPerNano));
    }

    /** Holds every request for {@code nanos} from now (Genesys asked us to back off). */
    public synchronized void pauseFor(long nanos) {
        pausedUntilNanos = Math.max(pausedUntilNanos, ticker.getAsLong() + nanos);
    }
}
