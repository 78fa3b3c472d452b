package dev.voicegate.biometrics.config;

import dev.voicegate.biometrics.api.BioResult;

/**
 * Calibrated-score cut points mapping a verification score to a {@link BioResult}, ascending:
 * {@code score < falseMedium → FALSE_HIGH}, {@code < falseLow → FALSE_MEDIUM},
 * {@code < trueLow → FALSE_LOW}, {@code < trueMedium → TRUE_LOW}, {@code < trueHigh → TRUE_MEDIUM},
 * else {@code TRUE_HIGH}. Defaults come from the DET curve of the telephone-degraded condition of the
 * evaluation corpus (docs/engine.md, "Thresholds"): {@code falseMedium} at FNMR 0.1 %,
 * {@code falseLow} at FNMR 1 %, {@code trueLow} at the EER point, {@code trueMedium} at FMR 1 %,
 * {@code trueHigh} at FMR 0.1 %.
 */
public record Thresholds(double falseMedium, double falseLow, double trueLow, double trueMedium, double trueHigh) {

    /**
     * Defaults for the default engine, the x-vector ({@code vg-xvec} v2): from the calibrated out-of-fold DET of
     * the real-speech train split, telephone condition (resource {@code xvector/backend.thresholds}, docs/engine.md §10).
     */
    public static final Thresholds DEFAULTS = new Thresholds(0.0029, 0.0480, 0.4881, 0.8845, 0.9654);

    /** The GMM v3 engine's thresholds (its synthetic-corpus DET, docs/engine.md §8). */
    public static final Thresholds GMM_V3 = new Thresholds(0.025, 0.084, 0.60, 0.946, 0.993);

    public Thresholds {
        double[] v = {falseMedium, falseLow, trueLow, trueMedium, trueHigh};
        String[] k = {"falseMedium", "falseLow", "trueLow", "trueMedium", "trueHigh"};
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0 && v[i] < 1)) {
                throw new IllegalArgumentException("biometrics.thresholds." + k[i] + ": " + v[i] + " (expected: 0 < x < 1)");
            }
            if (i > 0 && !(v[i] > v[i - 1])) {
                throw new IllegalArgumentException("biometrics.thresholds." + k[i] + ": " + v[i]
                        + " (expected: > " + k[i - 1] + " " + v[i - 1] + ")");
            }
        }
    }

    /** The level of a calibrated score. */
    public BioResult classify(double score) {
        if (score < falseMedium) {
            return BioResult.FALSE_HIGH;
        } else if (score < falseLow) {
            return BioResult.FALSE_MEDIUM;
        } else if (score < trueLow) {
            return BioResult.FALSE_LOW;
        } else if (score < trueMedium) {
            return BioResult.TRUE_LOW;
        } else if (score < trueHigh) {
            return BioResult.TRUE_MEDIUM;
        }
        return BioResult.TRUE_HIGH;
    }
}
