package dev.voicegate.biometrics.internal.eval;

import java.util.Arrays;

/**
 * Detection error trade-off metrics of target and non-target scores (higher = more target-like):
 * EER, minDCF (C_miss = C_fa = 1, normalised by min(P_tar, 1 − P_tar)), FNMR at a given FMR, and
 * the (FMR, FNMR) points of the DET curve. Immutable.
 */
public final class DetMetrics {

    private final double[] targets;
    private final double[] nonTargets;

    public DetMetrics(double[] targets, double[] nonTargets) {
        if (targets.length == 0 || nonTargets.length == 0) {
            throw new IllegalArgumentException("trials: " + targets.length + " target, " + nonTargets.length
                    + " non-target (expected: at least one of each)");
        }
        this.targets = targets.clone();
        this.nonTargets = nonTargets.clone();
        Arrays.sort(this.targets);
        Arrays.sort(this.nonTargets);
    }

    public int targetCount() {
        return targets.length;
    }

    public int nonTargetCount() {
        return nonTargets.length;
    }

    /** FNMR when accepting scores ≥ t. */
    public double fnmr(double t) {
        return lowerBound(targets, t) / (double) targets.length;
    }

    /** FMR when accepting scores ≥ t. */
    public double fmr(double t) {
        return (nonTargets.length - lowerBound(nonTargets, t)) / (double) nonTargets.length;
    }

    private static int lowerBound(double[] a, double t) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Candidate thresholds: every observed score plus +∞. */
    private double[] thresholds() {
        double[] all = new double[targets.length + nonTargets.length + 1];
        System.arraycopy(targets, 0, all, 0, targets.length);
        System.arraycopy(nonTargets, 0, all, targets.length, nonTargets.length);
        all[all.length - 1] = Double.POSITIVE_INFINITY;
        Arrays.sort(all);
        return all;
    }

    /**
     * Equal error rate: where the DET staircase crosses FMR = FNMR, interpolated linearly between
     * the two operating points either side of the crossing.
     */
    public double eer() {
        double[] ts = thresholds();
        double fm0 = 1;
        double fn0 = 0;
        for (double t : ts) {
            double fm1 = fmr(t);
            double fn1 = fnmr(t);
            if (fn1 >= fm1) {
                double d0 = fm0 - fn0;
                double d1 = fm1 - fn1;
                double s = d0 - d1 == 0 ? 0 : d0 / (d0 - d1);
                return fm0 + s * (fm1 - fm0);
            }
            fm0 = fm1;
            fn0 = fn1;
        }
        return 0;
    }

    /** Lowest threshold at which FNMR ≥ FMR (the EER operating point). */
    public double eerThreshold() {
        for (double t : thresholds()) {
            if (fnmr(t) >= fmr(t)) {
                return t;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Normalised minimum detection cost at {@code pTarget} (C_miss = C_fa = 1). */
    public double minDcf(double pTarget) {
        double best = Double.MAX_VALUE;
        for (double t : thresholds()) {
            best = Math.min(best, pTarget * fnmr(t) + (1 - pTarget) * fmr(t));
        }
        return best / Math.min(pTarget, 1 - pTarget);
    }

    /** Lowest threshold whose FMR ≤ {@code maxFmr}. */
    public double thresholdAtFmr(double maxFmr) {
        for (double t : thresholds()) {
            if (fmr(t) <= maxFmr) {
                return t;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** FNMR at the lowest threshold whose FMR ≤ {@code maxFmr}. */
    public double fnmrAtFmr(double maxFmr) {
        return fnmr(thresholdAtFmr(maxFmr));
    }

    /** Highest threshold whose FNMR ≤ {@code maxFnmr} (below it, a score is that sure to be a non-target). */
    public double thresholdAtFnmr(double maxFnmr) {
        double[] ts = thresholds();
        double best = ts[0];
        for (double t : ts) {
            if (fnmr(t) <= maxFnmr) {
                best = t;
            }
        }
        return best;
    }

    /** DET points {fmr[], fnmr[]} over all thresholds. */
    public double[][] detPoints() {
        double[] ts = thresholds();
        double[][] out = new double[2][ts.length];
        for (int i = 0; i < ts.length; i++) {
            out[0][i] = fmr(ts[i]);
            out[1][i] = fnmr(ts[i]);
        }
        return out;
    }
}
