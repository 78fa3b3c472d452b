package dev.voicegate.biometrics.internal.model;

/**
 * Zeroth- and first-order Baum-Welch statistics of feature frames against the UBM:
 * {@code N_c = Σ_t γ_c(t)}, {@code F_c = Σ_t γ_c(t) x_t}. Additive: stats of two segments add up
 * to the stats of their union. Not thread-safe.
 */
public final class SufficientStats {

    final double[] n;
    final double[] f;
    private final DiagonalGmm ubm;
    private final double[] post;
    private long frames;

    public SufficientStats(DiagonalGmm ubm) {
        this.ubm = ubm;
        this.n = new double[ubm.components];
        this.f = new double[ubm.components * ubm.dim];
        this.post = new double[ubm.components];
    }

    /** Accumulates one frame (not retained). */
    public void accept(float[] x) {
        ubm.posteriors(x, post);
        int dim = ubm.dim;
        for (int c = 0; c < ubm.components; c++) {
            double g = post[c];
            if (g < 1e-5) {
                continue;
            }
            n[c] += g;
            int base = c * dim;
            for (int d = 0; d < dim; d++) {
                f[base + d] += g * x[d];
            }
        }
        frames++;
    }

    /** Adds another accumulator's statistics to this one. */
    public void add(SufficientStats other) {
        for (int i = 0; i < n.length; i++) {
            n[i] += other.n[i];
        }
        for (int i = 0; i < f.length; i++) {
            f[i] += other.f[i];
        }
        frames += other.frames;
    }

    /** Subtracts another accumulator's statistics (for sliding windows). */
    public void subtract(SufficientStats other) {
        for (int i = 0; i < n.length; i++) {
            n[i] -= other.n[i];
        }
        for (int i = 0; i < f.length; i++) {
            f[i] -= other.f[i];
        }
        frames -= other.frames;
    }

    public void clear() {
        java.util.Arrays.fill(n, 0);
        java.util.Arrays.fill(f, 0);
        frames = 0;
    }

    public long frames() {
        return frames;
    }

    /**
     * The normalised MAP mean-offset supervector:
     * {@code s_c = sqrt(w_c) · Σ_c^{-1/2} (F_c − N_c μ_c) / (N_c + r)}, concatenated over components.
     */
    public float[] supervector(double relevance) {
        int dim = ubm.dim;
        float[] s = new float[ubm.components * dim];
        for (int c = 0; c < ubm.components; c++) {
            double scale = Math.sqrt(ubm.weights[c]) / (n[c] + relevance);
            for (int d = 0; d < dim; d++) {
                double offset = f[c * dim + d] - n[c] * ubm.means[c][d];
                s[c * dim + d] = (float) (scale * offset * Math.sqrt(ubm.invVar[c][d]));
            }
        }
        return s;
    }
}
