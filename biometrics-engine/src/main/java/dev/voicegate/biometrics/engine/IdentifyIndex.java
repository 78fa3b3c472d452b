package dev.voicegate.biometrics.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * In-memory 1:N index of unit-length voiceprint directions in one contiguous float array
 * (row-major, {@code dim} floats per entry), searched by brute-force dot products split across a
 * fork-join pool. Thread-safe: searches share a read lock, updates take the write lock. Bounded by
 * {@code capacity}; adding beyond it fails with {@link IllegalStateException}. Holds decrypted
 * biometric data in memory only; never logs it.
 */
public final class IdentifyIndex {

    /** One search hit. */
    public record Hit(String key, float raw) {
    }

    private static final int SPLIT_ROWS = 8192;

    private final int dim;
    private final int capacity;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> rowOf = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private float[] data;
    private int size;

    public IdentifyIndex(int dim, int capacity) {
        this.dim = dim;
        this.capacity = capacity;
        this.data = new float[dim * Math.min(capacity, 1024)];
    }

    /** Inserts or replaces {@code key}'s direction (copied). */
    public void put(String key, float[] direction) {
        if (direction.length != dim) {
            throw new IllegalArgumentException("direction: " + direction.length + " dims (expected: " + dim + ")");
        }
        lock.writeLock().lock();
        try {
            Integer row = rowOf.get(key);
            if (row == null) {
                if (size >= capacity) {
                    throw new IllegalStateException("identify index full: " + capacity + " voiceprints");
                }
                if ((size + 1) * dim > data.length) {
                    data = java.util.Arrays.copyOf(data, Math.min(capacity, size * 2) * dim);
                }
                row = size++;
                rowOf.put(key, row);
                keys.add(key);
            }
            System.arraycopy(direction, 0, data, row * dim, dim);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes {@code key} (the last row moves into its place); returns whether it was present. */
    public boolean remove(String key) {
        lock.writeLock().lock();
        try {
            Integer row = rowOf.remove(key);
            if (row == null) {
                return false;
            }
            int last = --size;
            if (row != last) {
                System.arraycopy(data, last * dim, data, row * dim, dim);
                String moved = keys.get(last);
                keys.set(row, moved);
                rowOf.put(moved, row);
            }
            keys.remove(last);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A copy of the keys held now. */
    public List<String> keys() {
        lock.readLock().lock();
        try {
            return List.copyOf(keys);
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The {@code k} entries with the highest dot product with {@code query}, best first. */
    public List<Hit> search(float[] query, int k, ForkJoinPool pool) {
        lock.readLock().lock();
        try {
            if (size == 0) {
                return List.of();
            }
            float[] scores = new float[size];
            Scan scan = new Scan(query, scores, 0, size);
            if (size <= SPLIT_ROWS) {
                scan.compute(); // small (e.g. blocklists): inline, no hand-off to the pool
            } else {
                pool.invoke(scan);
            }
            return topK(scores, k);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Hit> topK(float[] scores, int k) {
        int n = Math.min(k, scores.length);
        int[] best = new int[n];
        int count = 0;
        for (int i = 0; i < scores.length; i++) {
            if (count < n) {
                best[count++] = i;
            } else if (scores[i] > scores[best[n - 1]]) {
                best[n - 1] = i;
            } else {
                continue;
            }
            for (int j = count - 1; j > 0 && scores[best[j]] > scores[best[j - 1]]; j--) {
                int t = best[j];
                best[j] = best[j - 1];
                best[j - 1] = t;
            }
        }
        List<Hit> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Hit(keys.get(best[i]), scores[best[i]]));
        }
        return out;
    }

    private final class Scan extends RecursiveTask<Void> {
        private static final long serialVersionUID = 1L;
        private final transient float[] query;
        private final transient float[] scores;
        private final int from;
        private final int to;

        Scan(float[] query, float[] scores, int from, int to) {
            this.query = query;
            this.scores = scores;
            this.from = from;
            this.to = to;
        }

        @Override
        protected Void compute() {
            if (to - from > SPLIT_ROWS) {
                int mid = (from + to) >>> 1;
                invokeAll(new Scan(query, scores, from, mid), new Scan(query, scores, mid, to));
                return null;
            }
            float[] d = data;
            int quad = dim & ~3;
            for (int r = from; r < to; r++) {
                int base = r * dim;
                // Four independent sums: the JIT may not reorder one float sum, so this is what
                // lets the CPU overlap the multiply-adds (about 3x faster than a single sum).
                float a0 = 0;
                float a1 = 0;
                float a2 = 0;
                float a3 = 0;
                int i = 0;
                for (; i < quad; i += 4) {
                    a0 += d[base + i] * query[i];
                    a1 += d[base + i + 1] * query[i + 1];
                    a2 += d[base + i + 2] * query[i + 2];
                    a3 += d[base + i + 3] * query[i + 3];
                }
                for (; i < dim; i++) {
                    a0 += d[base + i] * query[i];
                }
                scores[r] = (a0 + a1) + (a2 + a3);
            }
            return null;
        }
    }
}
