package dev.voicegate.biometrics.xvector.backend;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Linear discriminant analysis: the directions that maximise between-speaker over within-speaker variance. With
 * {@code S_w} the pooled within-speaker covariance and {@code S_b} the covariance of the speaker means (each
 * weighted by its session count), it solves {@code S_b v = λ S_w v} through the Cholesky factor of {@code S_w},
 * keeps the {@code outDim} largest λ, and scales the directions so that the within-speaker covariance of the
 * output is the identity (as Kaldi's {@code ivector-compute-lda}). The output is centred on the training mean.
 */
public final class Lda {

    private Lda() {
    }

    /**
     * @param outDim 1 ≤ outDim ≤ min(dim, speakers − 1)
     * @throws IllegalArgumentException when outDim is out of range or the within-speaker covariance is singular
     */
    public static AffineTransform train(TrainingSet data, int outDim) {
        int d = data.dim();
        int max = Math.min(d, data.speakerCount() - 1);
        if (outDim < 1 || outDim > max) {
            throw new IllegalArgumentException("lda dimension: " + outDim + " (expected: 1.." + max
                    + " for " + d + "-dimensional vectors of " + data.speakerCount() + " speakers)");
        }
        double[] mean = data.mean();
        DMatrixRMaj within = new DMatrixRMaj(d, d);
        DMatrixRMaj between = new DMatrixRMaj(d, d);
        for (List<float[]> vs : data.bySpeaker().values()) {
            double[] m = new double[d];
            for (float[] v : vs) {
                for (int i = 0; i < d; i++) {
                    m[i] += v[i];
                }
            }
            for (int i = 0; i < d; i++) {
                m[i] /= vs.size();
            }
            double[] dev = new double[d];
            for (float[] v : vs) {
                for (int i = 0; i < d; i++) {
                    dev[i] = v[i] - m[i];
                }
                Mats.addOuter(within, dev, 1.0);
            }
            for (int i = 0; i < d; i++) {
                dev[i] = m[i] - mean[i];
            }
            Mats.addOuter(between, dev, vs.size());
        }
        CommonOps_DDRM.scale(1.0 / data.sessionCount(), within);
        CommonOps_DDRM.scale(1.0 / data.sessionCount(), between);
        DMatrixRMaj proj = whitenedDiscriminants(within, between, outDim, "lda: within-speaker covariance");
        return new AffineTransform(Mats.toFloat(mean), Mats.toFloat(proj), outDim);
    }

    /** Rows = the {@code k} leading generalised eigenvectors of (between, within), scaled to unit within-variance. */
    static DMatrixRMaj whitenedDiscriminants(DMatrixRMaj within, DMatrixRMaj between, int k, String what) {
        int d = within.numRows;
        DMatrixRMaj l = Mats.cholesky(within, what);
        DMatrixRMaj lInv = Mats.invert(l, what);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj b = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(lInv, between, tmp);
        CommonOps_DDRM.multTransB(tmp, lInv, b); // L⁻¹ S_b L⁻ᵀ
        Mats.Eig eig = Mats.symmetricEig(b, what);
        DMatrixRMaj u = new DMatrixRMaj(d, k);
        CommonOps_DDRM.extract(eig.vectors(), 0, d, 0, k, u, 0, 0);
        DMatrixRMaj proj = new DMatrixRMaj(k, d);
        CommonOps_DDRM.multTransA(u, lInv, proj); // Uᵀ L⁻¹
        return proj;
    }
}
