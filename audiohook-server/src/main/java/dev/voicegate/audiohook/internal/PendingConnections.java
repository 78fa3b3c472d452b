package dev.voicegate.audiohook.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts connections per source address that are not yet authenticated, against a cap per source and
 * a cap on the number of sources. An entry lives only while its count is above zero, so the map holds
 * at most one entry per open connection and never more than {@code maxSources}. Thread-safe (one short
 * lock).
 */
public final class PendingConnections {

    /** The answer of {@link #tryAcquire}. */
    public enum Admission { ADMITTED, SOURCE_FULL, TOO_MANY_SOURCES }

    private final int maxPerSource;
    private final int maxSources;
    private final Map<String, Integer> counts = new HashMap<>();

    public PendingConnections(int maxPerSource, int maxSources) {
        this.maxPerSource = maxPerSource;
        this.maxSources = maxSources;
    }

    /** Counts one more pending connection from {@code source}, unless a cap is reached. */
    public synchronized Admission tryAcquire(String source) {
        Integer n = counts.get(source);
        if (n == null) {
            if (counts.size() >= maxSources) {
                return Admission.TOO_MANY_SOURCES;
            }
            counts.put(source, 1);
            return Admission.ADMITTED;
        }
        if (n >= maxPerSource) {
            return Admission.SOURCE_FULL;
        }
        counts.put(source, n + 1);
        return Admission.ADMITTED;
    }

    /** Returns one pending connection of {@code source} taken by {@link #tryAcquire}. */
    public synchronized void release(String source) {
        Integer n = counts.get(source);
        if (n == null) {
            throw new IllegalStateException("released a pending connection of an untracked source");
        }
        if (n == 1) {
            counts.remove(source);
        } else {
            counts.put(source, n - 1);
        }
    }

    /** Pending connections of {@code source}. */
    public synchronized int pending(String source) {
        return counts.getOrDefault(source, 0);
    }

    /** Sources with at least one pending connection. */
    public synchronized int sources() {
        return counts.size();
    }
}
