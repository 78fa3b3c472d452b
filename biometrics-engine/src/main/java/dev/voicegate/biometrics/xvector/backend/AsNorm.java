package dev.voicegate.biometrics.xvector.backend;

import java.util.Arrays;

/**
 * Adaptive symmetric score normalisation (AS-Norm, Matějka et al. 2017): each side of a trial is scored against a
 * cohort of other speakers; the mean and standard deviation of its {@code topN} highest cohort scores normalise
 * the raw score, and the two normalised scores are averaged:
 * {@code ½ ((s − μ_e)/σ_e + (s − μ_t)/σ_t)}. Works with any scorer; an enrollment's cohort statistics can be
 * computed once when it is enrolled. Stateless, thread-safe.
 */
public final class AsNorm {

    private AsNorm() {
    }

    /** Mean and standard deviation of one side's top cohort scores. */
    public record CohortStats(double mean, double std) {
        public CohortStats {
            if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
                throw new IllegalArgumentException("cohort stats: mean " + mean + ", std " + std
                        + " (expected: finite, std > 0)");
            }
        }
    }

    /**
     * @param cohortScores one score per cohort vector (at least 2)
     * @param topN         how many of the highest scores to use, 2 ≤ topN; capped at the cohort size
     */
    public static CohortStats topN(double[] cohortScores, int topN) {
        if (topN < 2) {
            throw new IllegalArgumentException("as-norm topN: " + topN + " (expected: >= 2)");
        }
        if (cohortScores.length < 2) {
            throw new IllegalArgumentException("as-norm cohort: " + cohortScores.length + " scores (expected: >= 2)");
        }
        double[] sorted = cohortScores.clone();
        Arrays.sort(sorted);
        int n = Math.min(topN, sorted.length);
        double sum = 0;
        for (int i = sorted.length - n; i < sorted.length; i++) {
            sum += sorted[i];
        }
        double mean = sum / n;
        double sq = 0;
        for (int i = sorted.length - n; i < sorted.length; i++) {
            sq += (sorted[i] - mean) * (sorted[i] - mean);
        }
        double std = Math.sqrt(sq / n);
        return new CohortStats(mean, Math.max(std, 1e-9));
    }

    public static double normalise(double raw, CohortStats enrol, CohortStats test) {
        return 0.5 * ((raw - enrol.mean()) / enrol.std() + (raw - test.mean()) / test.std());
    }
}
