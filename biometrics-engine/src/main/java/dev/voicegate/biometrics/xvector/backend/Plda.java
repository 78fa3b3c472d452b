package dev.voicegate.biometrics.xvector.backend;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Kaldi's two-covariance PLDA ({@code ivector/plda.cc}): a session vector is {@code x = μ + y + e} with the speaker
 * variable {@code y ~ N(0, B)} and the session noise {@code e ~ N(0, W)}. {@link #train} estimates {@code B} and
 * {@code W} by Kaldi's EM (PldaEstimator: identity start, the intra-speaker scatter plus the posterior of each
 * speaker's mean), then stores the transform that makes {@code W} the identity and {@code B} diagonal
 * ({@code ψ}, descending). Scoring is Kaldi's {@code LogLikelihoodRatio}: an enrollment averaged over {@code n}
 * sessions against one test vector, both first transformed and length-normalised as Kaldi's
 * {@code TransformIvector} does by default (scaled so that its squared norm weighted by {@code (ψ + 1/n)⁻¹} equals
 * the dimension). Immutable, thread-safe.
 */
public final class Plda {

    /** Kaldi's default number of EM iterations. */
    public static final int DEFAULT_EM_ITERATIONS = 10;

    private final float[] mean;
    private final float[] transform;
    private final float[] psi;
    private final int dim;

    /**
     * @param mean      {@code dim} values
     * @param transform row-major {@code dim × dim}
     * @param psi       {@code dim} between-speaker variances in the transformed space, ≥ 0
     */
    public Plda(float[] mean, float[] transform, float[] psi) {
        this.dim = mean.length;
        if (dim == 0 || transform.length != dim * dim || psi.length != dim) {
            throw new IllegalArgumentException("plda: mean " + mean.length + ", transform " + transform.length
                    + ", psi " + psi.length + " values (expected: d, d², d with d > 0)");
        }
        for (float p : psi) {
            if (!(p >= 0) || Float.isInfinite(p)) {
                throw new IllegalArgumentException("plda: psi value " + p + " (expected: finite, >= 0)");
            }
        }
        this.mean = mean.clone();
        this.transform = transform.clone();
        this.psi = psi.clone();
    }

    public int dim() {
        return dim;
    }

    float[] mean() {
        return mean;
    }

    float[] transform() {
        return transform;
    }

    /** The between-speaker variances in the normalised space, descending (a copy). */
    public float[] psi() {
        return psi.clone();
    }

    /** @param emIterations ≥ 1 (Kaldi uses {@link #DEFAULT_EM_ITERATIONS}) */
    public static Plda train(TrainingSet data, int emIterations) {
        if (emIterations < 1) {
            throw new IllegalArgumentException("plda.emIterations: " + emIterations + " (expected: >= 1)");
        }
        int d = data.dim();
        int speakers = data.speakerCount();
        int sessions = data.sessionCount();
        double[] mu = data.mean();
        double[][] means = new double[speakers][];
        int[] counts = new int[speakers];
        DMatrixRMaj offsetScatter = new DMatrixRMaj(d, d);
        int s = 0;
        for (List<float[]> vs : data.bySpeaker().values()) {
            double[] m = Mats.toDouble(Vectors.mean(vs));
            double[] dev = new double[d];
            for (float[] v : vs) {
                for (int i = 0; i < d; i++) {
                    dev[i] = v[i] - m[i];
                }
                Mats.addOuter(offsetScatter, dev, 1.0);
            }
            for (int i = 0; i < d; i++) {
                m[i] -= mu[i];
            }
            means[s] = m;
            counts[s++] = vs.size();
        }
        DMatrixRMaj within = CommonOps_DDRM.identity(d);
        DMatrixRMaj between = CommonOps_DDRM.identity(d);
        for (int it = 0; it < emIterations; it++) {
            DMatrixRMaj withinStats = offsetScatter.copy();
            double withinCount = sessions - speakers;
            DMatrixRMaj betweenStats = new DMatrixRMaj(d, d);
            DMatrixRMaj betweenInv = Mats.invert(between, "plda: between-speaker covariance");
            DMatrixRMaj withinInv = Mats.invert(within, "plda: within-speaker covariance");
            DMatrixRMaj mixed = null;
            int n = -1;
            for (int c = 0; c < speakers; c++) {
                if (counts[c] != n || mixed == null) {
                    n = counts[c];
                    DMatrixRMaj sum = betweenInv.copy();
                    CommonOps_DDRM.addEquals(sum, n, withinInv);
                    mixed = Mats.invert(sum, "plda: posterior covariance");
                }
                double[] z = Mats.mult(withinInv, means[c]);
                for (int i = 0; i < d; i++) {
                    z[i] *= n;
                }
                double[] w = Mats.mult(mixed, z); // posterior mean of the speaker variable
                double[] mw = new double[d];
                for (int i = 0; i < d; i++) {
                    mw[i] = means[c][i] - w[i];
                }
                CommonOps_DDRM.addEquals(betweenStats, mixed);
                Mats.addOuter(betweenStats, w, 1.0);
                CommonOps_DDRM.addEquals(withinStats, n, mixed);
                Mats.addOuter(withinStats, mw, n);
                withinCount += 1;
            }
            within = withinStats;
            CommonOps_DDRM.scale(1.0 / withinCount, within);
            between = betweenStats;
            CommonOps_DDRM.scale(1.0 / speakers, between);
        }
        // transform1 makes W the identity; then rotate so that B is diagonal, largest first
        DMatrixRMaj lInv = Mats.invert(Mats.cholesky(within, "plda: within-speaker covariance"), "plda");
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj bProj = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(lInv, between, tmp);
        CommonOps_DDRM.multTransB(tmp, lInv, bProj);
        Mats.Eig eig = Mats.symmetricEig(bProj, "plda: between-speaker covariance");
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(eig.vectors(), lInv, t);
        float[] psi = new float[d];
        for (int i = 0; i < d; i++) {
            psi[i] = (float) Math.max(0, eig.values()[i]);
        }
        return new Plda(Mats.toFloat(mu), Mats.toFloat(t), psi);
    }

    /** {@code T (x - μ)} without length normalisation (for checks). */
    double[] transformNoNorm(float[] x) {
        double[] y = new double[dim];
        for (int i = 0; i < dim; i++) {
            double sum = 0;
            int row = i * dim;
            for (int j = 0; j < dim; j++) {
                sum += transform[row + j] * ((double) x[j] - mean[j]);
            }
            y[i] = sum;
        }
        return y;
    }

    /** Kaldi's TransformIvector (normalize-length=true): the transformed vector, scaled for {@code n} sessions. */
    public double[] transform(float[] x, int n) {
        if (x.length != dim) {
            throw new IllegalArgumentException("vector dimension: " + x.length + " (expected: " + dim + ")");
        }
        if (n < 1) {
            throw new IllegalArgumentException("sessions: " + n + " (expected: >= 1)");
        }
        double[] y = new double[dim];
        double dot = 0;
        for (int i = 0; i < dim; i++) {
            double sum = 0;
            int row = i * dim;
            for (int j = 0; j < dim; j++) {
                sum += transform[row + j] * ((double) x[j] - mean[j]);
            }
            y[i] = sum;
            dot += sum * sum / (psi[i] + 1.0 / n);
        }
        if (dot > 0) {
            double factor = Math.sqrt(dim / dot);
            for (int i = 0; i < dim; i++) {
                y[i] *= factor;
            }
        }
        return y;
    }

    /** Log-likelihood ratio of same vs different speaker for an enrollment of {@code n} sessions (Kaldi's formula). */
    public double logLikelihoodRatio(double[] enrolTransformed, int n, double[] testTransformed) {
        double given = 0;
        double without = 0;
        for (int i = 0; i < dim; i++) {
            double p = psi[i];
            double m = n * p / (n * p + 1.0) * enrolTransformed[i];
            double var = 1.0 + p / (n * p + 1.0);
            double diff = testTransformed[i] - m;
            given += Math.log(var) + diff * diff / var;
            double var0 = 1.0 + p;
            without += Math.log(var0) + testTransformed[i] * testTransformed[i] / var0;
        }
        return -0.5 * given + 0.5 * without; // the 2π terms cancel
    }

    /** Scores the mean of the enrollment sessions against one test vector. */
    public double score(List<float[]> enrolSessions, float[] test) {
        int n = enrolSessions.size();
        return logLikelihoodRatio(transform(Vectors.mean(enrolSessions), n), n, transform(test, 1));
    }
}
