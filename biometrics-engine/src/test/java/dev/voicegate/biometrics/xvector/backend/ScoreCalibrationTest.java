package dev.voicegate.biometrics.xvector.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreCalibrationTest {

    static double[] gaussian(int n, double mean, double sd, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + sd * r.nextGaussian();
        }
        return x;
    }

    @Test
    void recoversTheTrueLikelihoodRatioOfGaussianScores() {
        // targets N(3, 2²), non-targets N(-1, 2²): llr(s) = ((s+1)² - (s-3)²) / 8 = s - 1
        ScoreCalibration c = ScoreCalibration.fit(gaussian(20000, 3, 2, 1), gaussian(60000, -1, 2, 2), 0.5);
        assertThat(c.slope()).isCloseTo(1.0, within(0.03));
        assertThat(c.offset()).isCloseTo(-1.0, within(0.05));
        assertThat(c.probability(1.0)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void probabilityIsMonotonicAndBounded() {
        ScoreCalibration c = ScoreCalibration.fit(gaussian(500, 2, 1, 3), gaussian(500, 0, 1, 4), 0.5);
        double prev = -1;
        for (double s = -50; s <= 50; s += 0.25) {
            double p = c.probability(s);
            assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(prev);
            prev = p;
        }
        assertThat(c.probability(-50)).isLessThan(0.01);
        assertThat(c.probability(50)).isGreaterThan(0.99);
    }

    @Test
    void separableScoresStayFinite() {
        ScoreCalibration c = ScoreCalibration.fit(new double[] {5, 6, 7}, new double[] {0, 1, 2}, 0.5);
        assertThat(c.slope()).isPositive().isFinite();
        assertThat(c.probability(6)).isGreaterThan(0.9);
        assertThat(c.probability(1)).isLessThan(0.1);
    }

    @Test
    void aLowerPriorLowersTheProbabilityButNotTheLikelihoodRatio() {
        double[] t = gaussian(2000, 2, 1, 5);
        double[] n = gaussian(2000, 0, 1, 6);
        ScoreCalibration even = ScoreCalibration.fit(t, n, 0.5);
        ScoreCalibration rare = ScoreCalibration.fit(t, n, 0.01);
        assertThat(rare.llr(1.5)).isCloseTo(even.llr(1.5), within(0.1));
        assertThat(rare.probability(1.5)).isLessThan(even.probability(1.5));
    }

    @Test
    void refusesTrialsOfOneKindReversedScoresAndBadPriors() {
        assertThatThrownBy(() -> ScoreCalibration.fit(new double[0], new double[] {1}, 0.5))
                .hasMessage("calibration: 0 target and 1 non-target trials (expected: at least one of each)");
        assertThatThrownBy(() -> ScoreCalibration.fit(gaussian(100, -2, 1, 7), gaussian(100, 2, 1, 8), 0.5))
                .hasMessageContaining("do not rank targets above non-targets");
        assertThatThrownBy(() -> ScoreCalibration.fit(new double[] {1}, new double[] {0}, 1.0))
                .hasMessage("calibration.priorTarget: 1.0 (expected: in (0, 1))");
        assertThatThrownBy(() -> ScoreCalibration.fit(new double[] {Double.NaN}, new double[] {0}, 0.5))
                .hasMessage("calibration: non-finite score NaN");
        assertThatThrownBy(() -> new ScoreCalibration(-1, 0, 0.5)).hasMessageContaining("slope -1.0");
    }
}
