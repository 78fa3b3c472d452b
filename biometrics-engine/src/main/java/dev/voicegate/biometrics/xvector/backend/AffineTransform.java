package dev.voicegate.biometrics.xvector.backend;

/**
 * {@code y = A (x - mean)}: an {@code outDim × inDim} matrix after subtracting a mean (zero for none). Immutable,
 * thread-safe.
 */
public final class AffineTransform {

    private final float[] mean;
    private final float[] matrix;
    private final int inDim;
    private final int outDim;

    /**
     * @param mean   {@code inDim} values
     * @param matrix row-major {@code outDim × inDim}
     */
    public AffineTransform(float[] mean, float[] matrix, int outDim) {
        this.inDim = mean.length;
        if (inDim == 0 || outDim <= 0 || matrix.length != (long) outDim * inDim) {
            throw new IllegalArgumentException("affine transform: mean " + inDim + ", matrix " + matrix.length
                    + " values for " + outDim + " rows (expected: rows × mean length, both > 0)");
        }
        this.mean = mean.clone();
        this.matrix = matrix.clone();
        this.outDim = outDim;
    }

    public int inDim() {
        return inDim;
    }

    public int outDim() {
        return outDim;
    }

    float[] mean() {
        return mean;
    }

    float[] matrix() {
        return matrix;
    }

    public float[] apply(float[] x) {
        if (x.length != inDim) {
            throw new IllegalArgumentException("vector dimension: " + x.length + " (expected: " + inDim + ")");
        }
        float[] y = new float[outDim];
        for (int i = 0; i < outDim; i++) {
            double s = 0;
            int row = i * inDim;
            for (int j = 0; j < inDim; j++) {
                s += matrix[row + j] * ((double) x[j] - mean[j]);
            }
            y[i] = (float) s;
        }
        return y;
    }
}
