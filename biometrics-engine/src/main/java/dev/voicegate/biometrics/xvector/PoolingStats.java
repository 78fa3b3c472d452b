package dev.voicegate.biometrics.xvector;

import java.util.Arrays;

/**
 * Additive statistics of the last frame-level layer's outputs (tdnn5 of the x-vector network):
 * frame count, per-dimension sum and sum of squares, in double precision. Everything the
 * statistics-pooling layer needs, so an x-vector can be computed from any combination: add the
 * statistics of several calls for enrollment, subtract an older snapshot for a sliding window.
 *
 * <p>Mutable and not thread-safe; {@link #copy()} for a snapshot.
 */
public final class PoolingStats {

    private final int dim;
    private long count;
    private final double[] sum;
    private final double[] sumSq;

    /** Empty statistics of the given dimension. */
    public PoolingStats(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim: " + dim + " (expected: > 0)");
        }
        this.dim = dim;
        this.sum = new double[dim];
        this.sumSq = new double[dim];
    }

    /** Restores statistics saved with {@link #count()}, {@link #sums()}, {@link #sumsOfSquares()}. */
    public static PoolingStats of(long count, double[] sums, double[] sumsOfSquares) {
        if (sums.length != sumsOfSquares.length) {
            throw new IllegalArgumentException("sums: " + sums.length + " values, sums of squares: "
                    + sumsOfSquares.length + " (expected: the same)");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        PoolingStats s = new PoolingStats(sums.length);
        s.count = count;
        System.arraycopy(sums, 0, s.sum, 0, sums.length);
        System.arraycopy(sumsOfSquares, 0, s.sumSq, 0, sums.length);
        return s;
    }

    public int dim() {
        return dim;
    }

    /** Number of frames pooled. */
    public long count() {
        return count;
    }

    /** A copy of the per-dimension sums. */
    public double[] sums() {
        return sum.clone();
    }

    /** A copy of the per-dimension sums of squares. */
    public double[] sumsOfSquares() {
        return sumSq.clone();
    }

    /** Adds another's statistics to these. */
    public PoolingStats add(PoolingStats other) {
        checkDim(other);
        count += other.count;
        for (int i = 0; i < dim; i++) {
            sum[i] += other.sum[i];
            sumSq[i] += other.sumSq[i];
        }
        return this;
    }

    /**
     * Removes another's statistics (e.g. an earlier snapshot of the same stream).
     *
     * @throws IllegalArgumentException if {@code other} holds more frames than these
     */
    public PoolingStats subtract(PoolingStats other) {
        checkDim(other);
        if (other.count > count) {
            throw new IllegalArgumentException("subtract: " + other.count + " frames from " + count
                    + " (expected: at most " + count + ")");
        }
        count -= other.count;
        for (int i = 0; i < dim; i++) {
            sum[i] -= other.sum[i];
            sumSq[i] -= other.sumSq[i];
        }
        if (count == 0) {
            clear();
        }
        return this;
    }

    public void clear() {
        count = 0;
        Arrays.fill(sum, 0);
        Arrays.fill(sumSq, 0);
    }

    public PoolingStats copy() {
        return of(count, sum, sumSq);
    }

    /** Adds {@code rows} frames stored row-major in {@code data}. */
    void addRows(float[] data, int rows) {
        for (int r = 0; r < rows; r++) {
            int off = r * dim;
            for (int i = 0; i < dim; i++) {
                double v = data[off + i];
                sum[i] += v;
                sumSq[i] += v * v;
            }
        }
        count += rows;
    }

    /**
     * Mean then standard deviation per dimension ({@code 2·dim} values), variance floored at
     * {@code varianceFloor} as Kaldi's StatisticsPoolingComponent does.
     */
    float[] meanAndStddev(double varianceFloor) {
        if (count == 0) {
            throw new IllegalStateException("no frames pooled");
        }
        float[] out = new float[2 * dim];
        double n = count;
        for (int i = 0; i < dim; i++) {
            double m = sum[i] / n;
            double var = sumSq[i] / n - m * m;
            out[i] = (float) m;
            out[dim + i] = (float) Math.sqrt(Math.max(var, varianceFloor));
        }
        return out;
    }

    private void checkDim(PoolingStats other) {
        if (other.dim != dim) {
            throw new IllegalArgumentException("dimension " + other.dim + " (expected: " + dim + ")");
        }
    }

    @Override
    public String toString() {
        return "PoolingStats[dim=" + dim + ", count=" + count + "]";
    }
}
