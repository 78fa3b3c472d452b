package dev.voicegate.biometrics.internal.model;

/**
 * Linear map from supervector space to the embedding space, {@code y = A (s − m)}, followed by
 * length normalisation. Trained on background speakers (PCA, then LDA). Immutable, thread-safe.
 */
public final class Projection {

    final float[] mean;
    final float[][] matrix;

    public Projection(float[] mean, float[][] matrix) {
        this.mean = mean;
        this.matrix = matrix;
    }

    public int outputDim() {
        return matrix.length;
    }

    public int inputDim() {
        return mean.length;
    }

    /** Projects one supervector; the result is not length-normalised. */
    public float[] apply(float[] s) {
        int in = mean.length;
        float[] centred = new float[in];
        for (int i = 0; i < in; i++) {
            centred[i] = s[i] - mean[i];
        }
        float[] y = new float[matrix.length];
        for (int k = 0; k < matrix.length; k++) {
            float[] row = matrix[k];
            float acc = 0;
            for (int i = 0; i < in; i++) {
                acc += row[i] * centred[i];
            }
            y[k] = acc;
        }
        return y;
    }

    /** Scales a vector to unit length in place (zero vectors stay zero); returns it. */
    public static float[] lengthNormalize(float[] y) {
        double sq = 0;
        for (float v : y) {
            sq += v * (double) v;
        }
        if (sq > 0) {
            float inv = (float) (1 / Math.sqrt(sq));
            for (int i = 0; i < y.length; i++) {
                y[i] *= inv;
            }
        }
        return y;
    }

    /** Dot product (= cosine for unit vectors). */
    public static float dot(float[] a, float[] b) {
        float acc = 0;
        for (int i = 0; i < a.length; i++) {
            acc += a[i] * b[i];
        }
        return acc;
    }
}
