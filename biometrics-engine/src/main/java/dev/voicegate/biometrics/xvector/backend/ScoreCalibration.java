package dev.voicegate.biometrics.xvector.backend;

/**
 * Linear logistic-regression calibration of verification scores: {@code llr(s) = a·s + b} with {@code a > 0}
 * (monotonic), fitted by Newton's method on target and non-target trial scores with the two classes weighted to
 * a prior {@code π} (the BOSARIS convention: the objective is {@code π}-weighted cross-entropy with the offset
 * {@code logit π}, so {@code a·s + b} is a log-likelihood ratio). A small ridge on {@code a} keeps separable data
 * finite. {@link #probability} is the posterior probability of "same speaker" at the training prior. Immutable,
 * thread-safe.
 *
 * @param slope     {@code a}, > 0
 * @param offset    {@code b}
 * @param priorTarget the prior {@code π} of a target trial the probability refers to, in (0, 1)
 */
public record ScoreCalibration(double slope, double offset, double priorTarget) {

    private static final double RIDGE = 1e-6;

    public ScoreCalibration {
        if (!(slope > 0) || Double.isInfinite(slope) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("calibration: slope " + slope + ", offset " + offset
                    + " (expected: finite, slope > 0)");
        }
        if (!(priorTarget > 0 && priorTarget < 1)) {
            throw new IllegalArgumentException("calibration.priorTarget: " + priorTarget + " (expected: in (0, 1))");
        }
    }

    /** Log-likelihood ratio (natural log) of a score. */
    public double llr(double score) {
        return slope * score + offset;
    }

    /** Posterior probability of a target at {@link #priorTarget()}; monotonic in the score. */
    public double probability(double score) {
        double z = llr(score) + Math.log(priorTarget / (1 - priorTarget));
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /**
     * @throws IllegalArgumentException without trials of both kinds, with non-finite scores, or when the scores do
     *                                  not rank targets above non-targets (fitted slope ≤ 0)
     */
    public static ScoreCalibration fit(double[] targets, double[] nonTargets, double priorTarget) {
        if (targets.length == 0 || nonTargets.length == 0) {
            throw new IllegalArgumentException("calibration: " + targets.length + " target and " + nonTargets.length
                    + " non-target trials (expected: at least one of each)");
        }
        if (!(priorTarget > 0 && priorTarget < 1)) {
            throw new IllegalArgumentException("calibration.priorTarget: " + priorTarget + " (expected: in (0, 1))");
        }
        double logit = Math.log(priorTarget / (1 - priorTarget));
        double wt = priorTarget / targets.length;
        double wn = (1 - priorTarget) / nonTargets.length;
        // scale scores for conditioning
        double mean = 0;
        double sq = 0;
        for (double s : targets) {
            requireFinite(s);
            mean += s;
        }
        for (double s : nonTargets) {
            requireFinite(s);
            mean += s;
        }
        mean /= targets.length + nonTargets.length;
        for (double s : targets) {
            sq += (s - mean) * (s - mean);
        }
        for (double s : nonTargets) {
            sq += (s - mean) * (s - mean);
        }
        double scale = Math.sqrt(sq / (targets.length + nonTargets.length));
        if (!(scale > 0)) {
            throw new IllegalArgumentException("calibration: all scores are equal");
        }
        double a = 1;
        double b = 0;
        for (int it = 0; it < 100; it++) {
            double ga = RIDGE * a;
            double gb = 0;
            double haa = RIDGE;
            double hab = 0;
            double hbb = 0;
            for (int k = 0; k < 2; k++) {
                double[] scores = k == 0 ? targets : nonTargets;
                double w = k == 0 ? wt : wn;
                double y = k == 0 ? 1 : 0;
                for (double raw : scores) {
                    double x = (raw - mean) / scale;
                    double z = a * x + b + logit;
                    double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
                    double r = w * (p - y);
                    double h = w * p * (1 - p);
                    ga += r * x;
                    gb += r;
                    haa += h * x * x;
                    hab += h * x;
                    hbb += h;
                }
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        if (!(a > 0)) {
            throw new IllegalArgumentException("calibration: the scores do not rank targets above non-targets "
                    + "(fitted slope " + a + ")");
        }
        // undo the scaling: a·(s − mean)/scale + b
        return new ScoreCalibration(a / scale, b - a * mean / scale, priorTarget);
    }

    private static void requireFinite(double s) {
        if (!Double.isFinite(s)) {
            throw new IllegalArgumentException("calibration: non-finite score " + s);
        }
    }
}
