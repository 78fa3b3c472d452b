package dev.voicegate.biometrics.xvector;

/**
 * The training-free back end: identity projection, cosine scoring, and a fixed logistic calibration
 * {@code 1 / (1 + exp(−SLOPE · (cos − CENTRE)))}. <b>Provisional</b>: the two constants are a hand-set,
 * monotone placement (cosine {@value #CENTRE} ↦ 0.5, ≈ 0.80 ↦ the default TRUE_HIGH level 0.993), not fitted to
 * trials; they stand until the back end trained on real voices (issue 9 §3) replaces this class through
 * {@link XvectorExtractor#defaultScorer()}. Immutable, thread-safe.
 */
public final class CosineScorer implements EmbeddingScorer {

    /** Cosine that calibrates to 0.5. */
    public static final double CENTRE = 0.30;
    /** Logistic slope per unit of cosine. */
    public static final double SLOPE = 10.0;

    private final int dim;

    /** @param dim dimension of the post-processed x-vectors (128 for the shipped model) */
    public CosineScorer(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim: " + dim + " (expected: > 0)");
        }
        this.dim = dim;
    }

    @Override
    public String id() {
        return "cosine";
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public float[] project(float[] xvector) {
        if (xvector.length != dim) {
            throw new IllegalArgumentException("x-vector has " + xvector.length + " values (expected: " + dim + ")");
        }
        double sq = 0;
        for (float v : xvector) {
            sq += v * (double) v;
        }
        float[] out = xvector.clone();
        if (sq > 0) {
            double inv = 1 / Math.sqrt(sq);
            for (int i = 0; i < dim; i++) {
                out[i] = (float) (out[i] * inv);
            }
        }
        return out;
    }

    /** Cosine of the template mean's direction and the (unit) test vector; 0 for a zero template. */
    @Override
    public double rawScore(float[] templateMean, float[] projectedTest) {
        if (templateMean.length != dim || projectedTest.length != dim) {
            throw new IllegalArgumentException("vectors of " + templateMean.length + " and " + projectedTest.length
                    + " values (expected: " + dim + ")");
        }
        double dot = 0;
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            dot += templateMean[i] * (double) projectedTest[i];
            sq += templateMean[i] * (double) templateMean[i];
        }
        return sq == 0 ? 0 : dot / Math.sqrt(sq);
    }

    @Override
    public double calibrate(double rawScore) {
        return 1 / (1 + Math.exp(-SLOPE * (rawScore - CENTRE)));
    }

    @Override
    public String toString() {
        return "CosineScorer[dim=" + dim + ", provisional calibration centre=" + CENTRE + " slope=" + SLOPE + "]";
    }
}
