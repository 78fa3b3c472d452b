package dev.voicegate.audiohook.bench;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of samples (nanoseconds, or any long). Immutable.
 */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /**
     * The nearest-rank {@code p}-th percentile: the smallest sample such that at least {@code p}% of
     * the samples are less than or equal to it.
     *
     * @param p in (0, 100]
     * @throws IllegalStateException when there are no samples
     */
    long at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile: " + p + " (expected: > 0 and <= 100)");
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("percentile of no samples");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    long max() {
        return at(100);
    }

    /** {@code p50/p99/max} in milliseconds with two decimals, or {@code n/a} without samples. */
    String millis() {
        if (sorted.length == 0) {
            return "n/a (no samples)";
        }
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", at(50) / 1e6, at(99) / 1e6,
                max() / 1e6, sorted.length);
    }
}
