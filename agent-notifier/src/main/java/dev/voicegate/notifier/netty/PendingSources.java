package dev.voicegate.notifier.netty;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts connections per source address that have not yet sent their first complete request, against
 * a cap per source and a cap on the number of sources. An entry lives only while its count is above
 * zero, so the map never holds more than {@code maxSources} entries. Thread-safe (one short lock).
 */
final class PendingSources {

    private final int maxPerSource;
    private final int maxSources;
    private final Map<String, Integer> counts = new HashMap<>();

    PendingSources(int maxPerSource, int maxSources) {
        this.maxPerSource = maxPerSource;
        this.maxSources = maxSources;
    }

    /** Counts one more pending connection of {@code source}; false (nothing counted) when a cap is reached. */
    synchronized boolean tryAcquire(String source) {
        Integer n = counts.get(source);
        if (n == null ? counts.size() >= maxSources : n >= maxPerSource) {
            return false;
        }
        counts.put(source, n == null ? 1 : n + 1);
        return true;
    }

    /** Returns one pending connection of {@code source} counted by {@link #tryAcquire}. */
    synchronized void release(String source) {
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

    synchronized int pending(String source) {
        return counts.getOrDefault(source, 0);
    }

    synchronized int sources() {
        return counts.size();
    }
}
