package dev.voicegate.biometrics.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void trainedCalibrationIsStrictlyMonotoneAndSeparatesClasses() {
        Random r = new Random(1);
        double[] tar = new double[500];
        double[] non = new double[5000];
        for (int i = 0; i < tar.length; i++) {
            tar[i] = 0.6 + 0.1 * r.nextGaussian();
        }
        for (int i = 0; i < non.length; i++) {
            non[i] = 0.2 + 0.1 * r.nextGaussian();
        }
        Calibration c = Calibration.train(tar, non);
        assertThat(c.a()).isPositive();
        double prev = -1;
        for (double s = -1; s <= 1; s += 0.01) {
            double p = c.apply(s);
            assertThat(p).isBetween(0.0, 1.0).isGreaterThan(prev);
            prev = p;
        }
        // Equal class weights: p = 0.5 midway between equal-variance class means.
        assertThat(c.rawAt(0.5)).isCloseTo(0.4, within(0.02));
        assertThat(c.apply(0.6)).isGreaterThan(0.9);
        assertThat(c.apply(0.2)).isLessThan(0.1);
    }

    @Test
    void committedModelCalibrationIsMonotone() {
        Calibration c = VoiceprintModel.loadDefault().calibration();
        assertThat(c.apply(0.9)).isGreaterThan(c.apply(0.5)).isGreaterThan(c.apply(0.1));
        assertThat(c.rawAt(c.apply(0.3))).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void withoutTrialsOfBothKindsThereIsNothingToFit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Calibration.train(new double[0], new double[] {0.1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("calibration: 0 target and 1 non-target trials (expected: at least one of each)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Calibration.train(new double[] {0.9}, new double[0]))
                .hasMessageContaining("1 target and 0 non-target");
    }
}
