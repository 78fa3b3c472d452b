package dev.voicegate.biometrics.xvector.backend;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Small dense linear-algebra helpers over EJML, for training only. */
final class Mats {

    private Mats() {
    }

    /** Eigenvalues (descending) and the matching unit eigenvectors (columns) of a symmetric matrix. */
    record Eig(double[] values, DMatrixRMaj vectors) {
    }

    static Eig symmetricEig(DMatrixRMaj sym, String what) {
        DMatrixRMaj s = sym.copy();
        symmetrise(s);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s.numRows, true, true);
        if (!eig.decompose(s)) {
            throw new IllegalArgumentException(what + ": eigen-decomposition failed");
        }
        int n = s.numRows;
        Integer[] order = new Integer[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            values[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[] sorted = new double[n];
        DMatrixRMaj vectors = new DMatrixRMaj(n, n);
        for (int j = 0; j < n; j++) {
            sorted[j] = values[order[j]];
            DMatrixRMaj v = eig.getEigenVector(order[j]);
            for (int i = 0; i < n; i++) {
                vectors.set(i, j, v.get(i, 0));
            }
        }
        return new Eig(sorted, vectors);
    }

    /** Lower-triangular {@code L} with {@code L Lᵀ = spd}; a clear error when the matrix is not positive definite. */
    static DMatrixRMaj cholesky(DMatrixRMaj spd, String what) {
        DMatrixRMaj s = spd.copy();
        symmetrise(s);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(s.numRows, true);
        if (!chol.decompose(s)) {
            throw new IllegalArgumentException(what + " is not positive definite (too few sessions per dimension, "
                    + "or constant dimensions)");
        }
        return chol.getT(null);
    }

    static DMatrixRMaj invert(DMatrixRMaj m, String what) {
        DMatrixRMaj inv = new DMatrixRMaj(m.numRows, m.numCols);
        if (!CommonOps_DDRM.invert(m, inv)) {
            throw new IllegalArgumentException(what + " is singular");
        }
        return inv;
    }

    static void symmetrise(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = i + 1; j < m.numCols; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }

    /** {@code acc += w · x xᵀ}. */
    static void addOuter(DMatrixRMaj acc, double[] x, double w) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            double wi = w * x[i];
            int row = i * n;
            for (int j = 0; j < n; j++) {
                acc.data[row + j] += wi * x[j];
            }
        }
    }

    static double[] mult(DMatrixRMaj m, double[] x) {
        double[] y = new double[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            double s = 0;
            int row = i * m.numCols;
            for (int j = 0; j < m.numCols; j++) {
                s += m.data[row + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** Row-major float copy of a matrix. */
    static float[] toFloat(DMatrixRMaj m) {
        return toFloat(m.data);
    }
}
