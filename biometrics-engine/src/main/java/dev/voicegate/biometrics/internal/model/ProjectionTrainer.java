package dev.voicegate.biometrics.internal.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Trains the supervector → embedding projection on labelled background supervectors:
 * PCA (via the eigenvectors of the n×n Gram matrix when there are fewer samples n than dimensions,
 * of the dim×dim scatter matrix otherwise) to {@code pcaDim},
 * then within-speaker whitening (WCCN, with the within-class eigenvalues floored) and LDA keeping
 * the {@code ldaDim} most discriminative directions ({@code ldaDim = 0}: keep all whitened PCA
 * directions).
 */
public final class ProjectionTrainer {

    private ProjectionTrainer() {
    }

    /** One labelled training supervector. */
    public record Sample(String speaker, float[] supervector) {
    }

    public static Projection train(List<Sample> samples, int pcaDim, int ldaDim) {
        int n = samples.size();
        int dim = samples.get(0).supervector().length;
        float[] mean = new float[dim];
        for (Sample s : samples) {
            for (int i = 0; i < dim; i++) {
                mean[i] += s.supervector()[i] / n;
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(n, dim);
        for (int r = 0; r < n; r++) {
            float[] v = samples.get(r).supervector();
            for (int i = 0; i < dim; i++) {
                x.unsafe_set(r, i, v[i] - mean[i]);
            }
        }
        int p = Math.min(pcaDim, n - 1);
        DMatrixRMaj pca = pcaBasis(x, p);                 // dim × p, orthonormal columns
        DMatrixRMaj z = new DMatrixRMaj(n, p);
        CommonOps_DDRM.mult(x, pca, z);
        DMatrixRMaj lda = whitenAndDiscriminate(z, samples, ldaDim); // p × k
        DMatrixRMaj a = new DMatrixRMaj(dim, lda.numCols);
        CommonOps_DDRM.mult(pca, lda, a);
        float[][] matrix = new float[a.numCols][dim];
        for (int k = 0; k < a.numCols; k++) {
            for (int i = 0; i < dim; i++) {
                matrix[k][i] = (float) a.unsafe_get(i, k);
            }
        }
        return new Projection(mean, matrix);
    }

    private static DMatrixRMaj pcaBasis(DMatrixRMaj x, int p) {
        if (x.numRows > x.numCols) {
            // More samples than dimensions: the eigenvectors of the dim × dim scatter matrix directly.
            DMatrixRMaj scatter = new DMatrixRMaj(x.numCols, x.numCols);
            CommonOps_MT_DDRM.multTransA(x, x, scatter);
            List<double[]> eig = sortedEigen(scatter);
            DMatrixRMaj basis = new DMatrixRMaj(x.numCols, p);
            for (int k = 0; k < p; k++) {
                for (int i = 0; i < x.numCols; i++) {
                    basis.unsafe_set(i, k, eig.get(k)[i + 1]);
                }
            }
            return basis;
        }
        DMatrixRMaj gram = new DMatrixRMaj(x.numRows, x.numRows);
        CommonOps_MT_DDRM.multTransB(x, x, gram);
        List<double[]> eig = sortedEigen(gram);
        DMatrixRMaj basis = new DMatrixRMaj(x.numCols, p);
        DMatrixRMaj u = new DMatrixRMaj(x.numRows, 1);
        DMatrixRMaj v = new DMatrixRMaj(x.numCols, 1);
        for (int k = 0; k < p; k++) {
            double[] e = eig.get(k);
            System.arraycopy(e, 1, u.data, 0, x.numRows);
            CommonOps_DDRM.multTransA(x, u, v);
            double norm = Math.sqrt(Math.max(e[0], 1e-12));
            for (int i = 0; i < x.numCols; i++) {
                basis.unsafe_set(i, k, v.data[i] / norm);
            }
        }
        return basis;
    }

    /** Eigen-pairs of a symmetric matrix as {eigenvalue, vector...}, largest eigenvalue first. */
    private static List<double[]> sortedEigen(DMatrixRMaj sym) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(sym.numRows, true, true);
        if (!eig.decompose(sym.copy())) {
            throw new IllegalStateException("eigen decomposition failed");
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            double[] e = new double[sym.numRows + 1];
            e[0] = eig.getEigenvalue(i).getReal();
            System.arraycopy(eig.getEigenVector(i).data, 0, e, 1, sym.numRows);
            out.add(e);
        }
        out.sort((a, b) -> Double.compare(b[0], a[0]));
        return out;
    }

    private static DMatrixRMaj whitenAndDiscriminate(DMatrixRMaj z, List<Sample> samples, int ldaDim) {
        int n = z.numRows;
        int p = z.numCols;
        Map<String, double[]> sums = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int r = 0; r < n; r++) {
            double[] s = sums.computeIfAbsent(samples.get(r).speaker(), k -> new double[p]);
            for (int i = 0; i < p; i++) {
                s[i] += z.unsafe_get(r, i);
            }
            counts.merge(samples.get(r).speaker(), 1, Integer::sum);
        }
        DMatrixRMaj sw = new DMatrixRMaj(p, p);
        DMatrixRMaj sb = new DMatrixRMaj(p, p);
        double[] d = new double[p];
        for (int r = 0; r < n; r++) {
            String spk = samples.get(r).speaker();
            double[] s = sums.get(spk);
            int c = counts.get(spk);
            for (int i = 0; i < p; i++) {
                d[i] = z.unsafe_get(r, i) - s[i] / c;
            }
            addOuter(sw, d, 1.0 / n);
        }
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            int c = counts.get(e.getKey());
            for (int i = 0; i < p; i++) {
                d[i] = e.getValue()[i] / c;
            }
            addOuter(sb, d, c / (double) n);
        }
        List<double[]> w = sortedEigen(sw);
        double floor = w.get(0)[0] * 1e-3;
        DMatrixRMaj whiten = new DMatrixRMaj(p, p);
        for (int k = 0; k < p; k++) {
            double scale = 1 / Math.sqrt(Math.max(w.get(k)[0], floor));
            for (int i = 0; i < p; i++) {
                whiten.unsafe_set(i, k, w.get(k)[i + 1] * scale);
            }
        }
        if (ldaDim <= 0) {
            return whiten;
        }
        DMatrixRMaj tmp = new DMatrixRMaj(p, p);
        DMatrixRMaj sbw = new DMatrixRMaj(p, p);
        CommonOps_DDRM.multTransA(whiten, sb, tmp);
        CommonOps_DDRM.mult(tmp, whiten, sbw);
        List<double[]> b = sortedEigen(sbw);
        int k = Math.min(ldaDim, p);
        DMatrixRMaj e = new DMatrixRMaj(p, k);
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < p; i++) {
                e.unsafe_set(i, j, b.get(j)[i + 1]);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(p, k);
        CommonOps_DDRM.mult(whiten, e, out);
        return out;
    }

    private static void addOuter(DMatrixRMaj m, double[] v, double w) {
        int p = v.length;
        for (int i = 0; i < p; i++) {
            double vi = v[i] * w;
            for (int j = 0; j < p; j++) {
                m.data[i * p + j] += vi * v[j];
            }
        }
    }
}
