package dev.voicegate.biometrics.xvector.backend;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Within-class covariance normalisation (Hatch et al. 2006): with {@code W} the pooled within-speaker covariance
 * and {@code W⁻¹ = B Bᵀ} (Cholesky), maps {@code x → Bᵀ x}, so that inner products become
 * {@code xᵀ W⁻¹ y}. No mean is subtracted (it follows a centring step such as {@link Lda}).
 */
public final class Wccn {

    private Wccn() {
    }

    public static AffineTransform train(TrainingSet data) {
        int d = data.dim();
        DMatrixRMaj within = new DMatrixRMaj(d, d);
        for (List<float[]> vs : data.bySpeaker().values()) {
            float[] m = Vectors.mean(vs);
            double[] dev = new double[d];
            for (float[] v : vs) {
                for (int i = 0; i < d; i++) {
                    dev[i] = v[i] - m[i];
                }
                Mats.addOuter(within, dev, 1.0);
            }
        }
        CommonOps_DDRM.scale(1.0 / data.sessionCount(), within);
        DMatrixRMaj inv = Mats.invert(Mats.cholesky(within, "wccn: within-speaker covariance"), "wccn");
        // W⁻¹ = L⁻ᵀ L⁻¹, so B = L⁻ᵀ and Bᵀ = L⁻¹
        return new AffineTransform(new float[d], Mats.toFloat(inv), d);
    }
}
