package dev.voicegate.biometrics.internal.model;

/**
 * Logistic calibration of a raw cosine score: {@code p = 1 / (1 + exp(−(a·s + b)))} with
 * {@code a > 0}, so the calibrated score is strictly monotone in the raw score. Trained on target
 * and non-target trials of held-out background speakers with equal class weights, so {@code p} is
 * the target posterior at a prior of 0.5 and {@code a·s + b} a log-likelihood ratio. Immutable.
 */
public record Calibration(double a, double b) {

    public Calibration {
        if (!(a > 0) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("calibration: a=" + a + ", b=" + b + " (expected: a > 0, b finite)");
        }
    }

    /** Calibrated score in [0, 1]. */
    public double apply(double raw) {
        return 1.0 / (1.0 + Math.exp(-(a * raw + b)));
    }

    /** Raw score at which the calibrated score equals {@code p} (inverse of {@link #apply}). */
    public double rawAt(double p) {
        return (Math.log(p / (1 - p)) - b) / a;
    }

    /**
     * Fits a and b by Newton's method on the class-balanced logistic loss.
     *
     * @param targets    raw scores of same-speaker trials
     * @param nonTargets raw scores of different-speaker trials
     */
    public static Calibration train(double[] targets, double[] nonTargets) {
        if (targets.length == 0 || nonTargets.length == 0) {
            throw new IllegalArgumentException("calibration: " + targets.length + " target and " + nonTargets.length
                    + " non-target trials (expected: at least one of each)");
        }
        double a = 1;
        double b = 0;
        double wt = 0.5 / targets.length;
        double wn = 0.5 / nonTargets.length;
        for (int iter = 0; iter < 100; iter++) {
            double[] g = new double[2];
            double[][] h = new double[2][2];
            accumulate(targets, 1, wt, a, b, g, h);
            accumulate(nonTargets, 0, wn, a, b, g, h);
            h[0][0] += 1e-9;
            h[1][1] += 1e-9;
            double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            double da = (h[1][1] * g[0] - h[0][1] * g[1]) / det;
            double db = (h[0][0] * g[1] - h[1][0] * g[0]) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new Calibration(a, b);
    }

    private static void accumulate(double[] scores, int label, double w, double a, double b, double[] g, double[][] h) {
        for (double s : scores) {
            double p = 1.0 / (1.0 + Math.exp(-(a * s + b)));
            double r = w * (p - label);
            double v = w * p * (1 - p);
            g[0] += r * s;
            g[1] += r;
            h[0][0] += v * s * s;
            h[0][1] += v * s;
            h[1][0] += v * s;
            h[1][1] += v;
        }
    }
}
