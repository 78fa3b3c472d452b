package dev.voicegate.biometrics.spoof;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticDetectorTest {

    @Test
    void learnsTheInformativeFeatureAndScoresBonaFideHigher() {
        Random r = new Random(7);
        int n = 400;
        double[][] x = new double[n][3];
        boolean[] bona = new boolean[n];
        for (int i = 0; i < n; i++) {
            bona[i] = i % 4 != 0; // unbalanced, as the real corpus is
            x[i][0] = (bona[i] ? 2 : -2) + r.nextGaussian();
            x[i][1] = 100 + 50 * r.nextGaussian(); // noise on another scale
            x[i][2] = r.nextGaussian();
        }
        LogisticDetector m = LogisticDetector.train(x, bona, 1e-2);
        assertTrue(Math.abs(m.w[0]) > 5 * Math.abs(m.w[1]) && Math.abs(m.w[0]) > 5 * Math.abs(m.w[2]),
                java.util.Arrays.toString(m.w));
        assertTrue(m.score(new double[] {2, 100, 0}) > 2);
        assertTrue(m.score(new double[] {-2, 100, 0}) < -2);
        // class-balanced: the midpoint between the classes sits near log-odds 0 despite 3:1 priors
        assertTrue(Math.abs(m.score(new double[] {0, 100, 0})) < 1, "" + m.score(new double[] {0, 100, 0}));
    }

    @Test
    void oneClassIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticDetector.train(new double[][] {{1}, {2}}, new boolean[] {true, true}, 1e-2));
        assertTrue(e.getMessage().contains("0 attacks"), e.getMessage());
    }
}
