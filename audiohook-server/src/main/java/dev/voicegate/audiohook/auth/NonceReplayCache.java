package dev.voicegate.audiohook.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the {@code (keyid, nonce)} pairs of verified signatures while they could still be accepted,
 * so that a captured signature cannot be replayed (issue #2, "go beyond the reference": the reference
 * keeps no nonces, fact sheet §1.2).
 *
 * <p><b>Lifetime.</b> Each entry lives until the {@code validUntil} its caller gives, which
 * {@link RequestAuthenticator} sets to {@code created + maxSignatureAge}. The verifier rejects a
 * signature once {@code created + maxSignatureAge < now + clockSkew}, so an entry outlives the window
 * in which its signature could be presented again; expired entries are dropped lazily, oldest first.
 *
 * <p><b>Bound and overflow policy: evict the oldest.</b> At most {@code capacity} entries are kept.
 * When a new entry arrives at capacity and the oldest entry has not expired yet, the oldest is evicted
 * anyway and counted in {@link #liveEvictions()}. This is safe enough because (1) only VERIFIED
 * signatures are recorded, so only holders of a secret can fill the cache; (2) the oldest entry is
 * the one closest to expiry (give or take the clock skew), so the window in which its signature could be replayed is the shortest
 * of all entries and at most {@code maxSignatureAge - clockSkew}; and (3) a full cache means more than
 * {@code capacity / maxSignatureAge} verified opens per second (10,000/s with the defaults), far above
 * a real organisation's rate, so a non-zero {@link #liveEvictions()} is an alarm for the operator to
 * raise the capacity. Refusing new entries instead would turn a full cache into a denial of service
 * for every legitimate client.
 *
 * <p><b>Threads.</b> Thread-safe; every operation holds the instance lock for amortised O(1) work
 * (one hash lookup, one insertion and the removal of entries that were inserted earlier), never blocks
 * on I/O, and is safe to call on an event loop.
 */
public final class NonceReplayCache {

    private final int capacity;
    private final Clock clock;
    private final Map<Key, Instant> entries = new LinkedHashMap<>();
    private long expiredEvictions;
    private long liveEvictions;

    /**
     * @param capacity maximum number of entries (&gt; 0)
     * @param clock    wall clock, the same one the verifier's time checks use
     */
    public NonceReplayCache(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records the first use of a nonce.
     *
     * @param keyId      the signature's {@code keyid}
     * @param nonce      the signature's {@code nonce}
     * @param validUntil the last instant at which the signature could be accepted
     * @return {@code true} if it was not seen before (now recorded); {@code false} for a replay, i.e. the
     *         same pair was recorded earlier and has not expired
     */
    public synchronized boolean recordFirstUse(String keyId, String nonce, Instant validUntil) {
        Key key = new Key(keyId, nonce);
        Objects.requireNonNull(validUntil, "validUntil");
        Instant now = clock.instant();
        dropExpired(now);
        Instant existing = entries.get(key);
        if (existing != null && !existing.isBefore(now)) {
            return false;
        }
        if (existing != null) {
            entries.remove(key);
            expiredEvictions++;
        }
        if (entries.size() >= capacity) {
            Iterator<Map.Entry<Key, Instant>> oldest = entries.entrySet().iterator();
            oldest.next();
            oldest.remove();
            liveEvictions++;
        }
        entries.put(key, validUntil);
        return true;
    }

    /** Number of remembered nonces, including expired ones not yet dropped. */
    public synchronized int size() {
        return entries.size();
    }

    /** Entries dropped because they expired. */
    public synchronized long expiredEvictions() {
        return expiredEvictions;
    }

    /** Entries evicted at capacity before they expired: a replay of those would go undetected. */
    public synchronized long liveEvictions() {
        return liveEvictions;
    }

    /** The maximum number of entries. */
    public int capacity() {
        return capacity;
    }

    /** Drops expired entries from the oldest end; stops at the first live one (later ones expire later, give or take the skew). */
    private void dropExpired(Instant now) {
        Iterator<Instant> it = entries.values().iterator();
        while (it.hasNext()) {
            if (!it.next().isBefore(now)) {
                return;
            }
            it.remove();
            expiredEvictions++;
        }
    }

    private record Key(String keyId, String nonce) {
        Key {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(nonce, "nonce");
        }
    }
}
