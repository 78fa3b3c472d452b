package dev.voicegate.audiohook.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token bucket per key: new sessions per organisation (after authentication), upgrade requests per
 * source address (before it). Bounded: at most {@code maxKeys} buckets, least recently used evicted
 * (an evicted key starts again with a full bucket). Thread-safe (one short lock; no I/O under it).
 */
public final class KeyedRateLimiter {

    private final double perNano;
    private final double burst;
    private final LongSupplier ticker;
    private final Map<String, Bucket> buckets;
    private long evictions;

    /**
     * @param perSecond        sustained rate
     * @param burst            bucket size
     * @param maxKeys         bound of tracked keys
     * @param ticker           monotonic nanoseconds
     */
    public KeyedRateLimiter(double perSecond, int burst, int maxKeys, LongSupplier ticker) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.ticker = ticker;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                boolean evict = size() > maxKeys;
                if (evict) {
                    evictions++;
                }
                return evict;
            }
        };
    }

    /**
     * Takes one token for {@code key}.
     *
     * @return 0 when allowed, else the nanoseconds until a token is available
     */
    public synchronized long tryAcquire(String key) {
        long now = ticker.getAsLong();
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket(burst, now);
            buckets.put(key, b);
        }
        b.tokens = Math.min(burst, b.tokens + (now - b.last) * perNano);
        b.last = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - b.tokens) / perNano);
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    /** Keys currently tracked. */
    public synchronized int trackedKeys() {
        return buckets.size();
    }

    /** Buckets evicted because of the bound. */
    public synchronized long evictions() {
        return evictions;
    }
}
