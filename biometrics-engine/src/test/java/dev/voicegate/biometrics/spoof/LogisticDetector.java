package dev.voicegate.biometrics.spoof;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * L2-regularised, class-balanced logistic regression on standardised features; the score is the log-odds of
 * bona fide speech (higher = more genuine). Trained by Newton's method (a few dozen dimensions; EJML solves each step).
 */
final class LogisticDetector {

    final double[] mean;
    final double[] scale;
    final double[] w;
    final double bias;

    private LogisticDetector(double[] mean, double[] scale, double[] w, double bias) {
        this.mean = mean;
        this.scale = scale;
        this.w = w;
        this.bias = bias;
    }

    /**
     * @param x      features, one row per clip
     * @param bona   true = bona fide (real speech), false = attack
     * @param lambda L2 weight (on the class-balanced mean loss)
     */
    static LogisticDetector train(double[][] x, boolean[] bona, double lambda) {
        int n = x.length;
        int d = x[0].length;
        int nb = 0;
        for (boolean b : bona) {
            nb += b ? 1 : 0;
        }
        if (nb == 0 || nb == n) {
            throw new IllegalArgumentException("training set: " + nb + " bona fide, " + (n - nb)
                    + " attacks (expected: at least one of each)");
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = Math.sqrt(scale[j]) + 1e-9;
        }
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
            z[i][d] = 1;
        }
        double wb = 0.5 / nb;
        double wa = 0.5 / (n - nb);
        double[] beta = new double[d + 1];
        for (int it = 0; it < 50; it++) {
            double[] g = new double[d + 1];
            double[][] h = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double a = dot(beta, z[i]);
                double p = 1 / (1 + Math.exp(-a));
                double y = bona[i] ? 1 : 0;
                double c = bona[i] ? wb : wa;
                double r = c * (p - y);
                double q = c * p * (1 - p);
                for (int j = 0; j <= d; j++) {
                    g[j] += r * z[i][j];
                    double qz = q * z[i][j];
                    for (int l = j; l <= d; l++) {
                        h[j][l] += qz * z[i][l];
                    }
                }
            }
            for (int j = 0; j <= d; j++) {
                for (int l = 0; l < j; l++) {
                    h[j][l] = h[l][j];
                }
                if (j < d) {
                    g[j] += lambda * beta[j];
                    h[j][j] += lambda;
                } else {
                    h[j][j] += 1e-9;
                }
            }
            double[] step = solve(h, g);
            double max = 0;
            for (int j = 0; j <= d; j++) {
                beta[j] -= step[j];
                max = Math.max(max, Math.abs(step[j]));
            }
            if (max < 1e-8) {
                break;
            }
        }
        double[] w = new double[d];
        System.arraycopy(beta, 0, w, 0, d);
        return new LogisticDetector(mean, scale, w, beta[d]);
    }

    /** Log-odds of bona fide speech. */
    double score(double[] x) {
        double a = bias;
        for (int j = 0; j < w.length; j++) {
            a += w[j] * (x[j] - mean[j]) / scale[j];
        }
        return a;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Solves the Newton system with EJML (the Hessian is positive definite: the L2 term). */
    private static double[] solve(double[][] a, double[] b) {
        DMatrixRMaj x = new DMatrixRMaj(b.length, 1);
        if (!CommonOps_DDRM.solve(new DMatrixRMaj(a), new DMatrixRMaj(b.length, 1, true, b), x)) {
            throw new IllegalStateException("singular Newton system");
        }
        return x.getData();
    }
}
