package dev.voicegate.core.bench;

import java.util.Arrays;
import java.util.Locale;

/** Exact percentiles of a sample of nanosecond durations (sorted copy; benchmarks only). */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] samples, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: > 0)");
        }
        sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
    }

    /** The nearest-rank percentile, {@code q} in [0, 1]. */
    long at(double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    int count() {
        return sorted.length;
    }

    /** "n=… p50=… p99=… p99.9=… max=…" in milliseconds. */
    String summaryMillis() {
        return String.format(Locale.ROOT, "n=%d p50=%.3f ms p99=%.3f ms p99.9=%.3f ms max=%.3f ms", count(),
                at(0.50) / 1e6, at(0.99) / 1e6, at(0.999) / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
