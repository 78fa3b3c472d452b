package dev.voicegate.biometrics.spoof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PadMetricsTest {

    // Hand-made: 10 bona fide, 10 attacks; higher = more bona fide.
    private static final double[] BONA = {0.1, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99};
    private static final double[] ATTACKS = {-0.9, -0.5, -0.3, 0.0, 0.05, 0.2, 0.3, 0.45, 0.55, 0.75};

    @Test
    void apcerAndBpcerCountByHandAtAThreshold() {
        PadMetrics pm = new PadMetrics(BONA, ATTACKS);
        // Accept >= 0.5: attacks 0.55 and 0.75 get through (2/10); bona fide 0.1 and 0.4 are rejected (2/10).
        assertEquals(2, pm.apcer(0.5).errors());
        assertEquals(0.2, pm.apcer(0.5).value(), 1e-12);
        assertEquals(2, pm.bpcer(0.5).errors());
        // A score equal to the threshold is accepted: 0.75 is an attack accepted at 0.75; bona fide 0.1 … 0.7 are rejected.
        assertEquals(1, pm.apcer(0.75).errors());
        assertEquals(5, pm.bpcer(0.75).errors());
    }

    @Test
    void operatingPointsAreTheDetPointsByHand() {
        PadMetrics pm = new PadMetrics(BONA, ATTACKS);
        // APCER <= 10 %: the lowest observed score letting at most one attack (0.75) through is 0.6.
        double t = pm.thresholdAtApcer(0.10);
        assertEquals(0.6, t, 1e-12);
        assertEquals(1, pm.apcer(t).errors());
        assertEquals(3, pm.bpcer(t).errors()); // 0.1, 0.4, 0.5 rejected
        // BPCER <= 10 %: the highest threshold rejecting at most one bona fide is 0.4; attacks 0.45, 0.55, 0.75 pass.
        double tb = pm.thresholdAtBpcer(0.10);
        assertEquals(0.4, tb, 1e-12);
        assertEquals(3, pm.apcer(tb).errors());
    }

    @Test
    void wilsonIntervalMatchesTheFormula() {
        // 2 of 10, z = 1.96: centre (0.2 + 0.19208) / 1.38415 = 0.28335, half 0.22236
        PadMetrics.Rate r = PadMetrics.wilson(2, 10);
        assertEquals(0.0567, r.low(), 1e-4);
        assertEquals(0.5098, r.high(), 1e-4);
        PadMetrics.Rate zero = PadMetrics.wilson(0, 100);
        assertEquals(0.0, zero.low(), 1e-12);
        assertEquals(0.0370, zero.high(), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> PadMetrics.wilson(0, 0));
    }
}
