package dev.voicegate.biometrics.spoof;

import dev.voicegate.biometrics.internal.eval.DetMetrics;

/**
 * ISO/IEC 30107-3 presentation-attack detection errors of one attack species against bona fide presentations,
 * for a score where higher = more bona fide and a presentation is accepted as bona fide when score ≥ t:
 * APCER = share of attacks accepted, BPCER = share of bona fide presentations rejected. Built on
 * {@link DetMetrics} (bona fide = targets, attacks = non-targets); intervals are Wilson score intervals.
 */
final class PadMetrics {

    record Rate(int errors, int total, double value, double low, double high) {
        @Override
        public String toString() {
            return String.format("%.1f %% [%.1f–%.1f] (%d/%d)", 100 * value, 100 * low, 100 * high, errors, total);
        }
    }

    private final DetMetrics det;
    private final double[] bona;
    private final double[] attacks;

    PadMetrics(double[] bona, double[] attacks) {
        this.det = new DetMetrics(bona, attacks);
        this.bona = bona.clone();
        this.attacks = attacks.clone();
    }

    /** Attacks with score ≥ t (accepted as bona fide). */
    Rate apcer(double t) {
        int e = 0;
        for (double a : attacks) {
            e += a >= t ? 1 : 0;
        }
        return wilson(e, attacks.length);
    }

    /** Bona fide presentations with score &lt; t (rejected). */
    Rate bpcer(double t) {
        int e = 0;
        for (double b : bona) {
            e += b < t ? 1 : 0;
        }
        return wilson(e, bona.length);
    }

    /** The lowest-BPCER threshold whose APCER is at most {@code maxApcer} (a DET operating point). */
    double thresholdAtApcer(double maxApcer) {
        return det.thresholdAtFmr(maxApcer);
    }

    /** The highest threshold (lowest APCER) whose BPCER is at most {@code maxBpcer}. */
    double thresholdAtBpcer(double maxBpcer) {
        return det.thresholdAtFnmr(maxBpcer);
    }

    double eer() {
        return det.eer();
    }

    double[][] detPoints() {
        return det.detPoints();
    }

    /** Wilson score interval (95 %) of e errors in n trials. */
    static Rate wilson(int e, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("trials: " + n + " (expected: at least one)");
        }
        double z = 1.959964;
        double p = e / (double) n;
        double den = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / den;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / den;
        return new Rate(e, n, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
