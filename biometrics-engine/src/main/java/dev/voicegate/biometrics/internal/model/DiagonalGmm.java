package dev.voicegate.biometrics.internal.model;

/**
 * A diagonal-covariance Gaussian mixture (the universal background model). Immutable after
 * construction and thread-safe; {@link #posteriors} uses a caller-supplied scratch array.
 */
public final class DiagonalGmm {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    final int components;
    final int dim;
    final float[] weights;
    final float[][] means;
    final float[][] variances;
    final float[][] invVar;
    final double[] gconst;

    public DiagonalGmm(float[] weights, float[][] means, float[][] variances) {
        this.components = weights.length;
        this.dim = means[0].length;
        this.weights = weights;
        this.means = means;
        this.variances = variances;
        this.invVar = new float[components][dim];
        this.gconst = new double[components];
        for (int c = 0; c < components; c++) {
            double logDet = 0;
            for (int d = 0; d < dim; d++) {
                invVar[c][d] = 1f / variances[c][d];
                logDet += Math.log(variances[c][d]);
            }
            gconst[c] = Math.log(Math.max(weights[c], 1e-12)) - 0.5 * (dim * LOG_2PI + logDet);
        }
    }

    public int components() {
        return components;
    }

    public int dim() {
        return dim;
    }

    /**
     * Component posteriors of one frame into {@code post}; returns the frame log-likelihood.
     */
    public double posteriors(float[] x, double[] post) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < components; c++) {
            float[] mu = means[c];
            float[] iv = invVar[c];
            float acc = 0;
            for (int d = 0; d < dim; d++) {
                float diff = x[d] - mu[d];
                acc += diff * diff * iv[d];
            }
            double ll = gconst[c] - 0.5 * acc;
            post[c] = ll;
            max = Math.max(max, ll);
        }
        double sum = 0;
        for (int c = 0; c < components; c++) {
            double e = Math.exp(post[c] - max);
            post[c] = e;
            sum += e;
        }
        for (int c = 0; c < components; c++) {
            post[c] /= sum;
        }
        return max + Math.log(sum);
    }
}
