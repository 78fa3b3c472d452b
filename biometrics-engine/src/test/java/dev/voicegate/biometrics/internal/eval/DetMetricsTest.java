package dev.voicegate.biometrics.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DetMetricsTest {

    @Test
    void separableScoresHaveZeroErrors() {
        DetMetrics m = new DetMetrics(new double[] {5, 6, 7}, new double[] {1, 2, 3});
        assertThat(m.eer()).isZero();
        assertThat(m.fnmrAtFmr(0.01)).isZero();
        assertThat(m.minDcf(0.01)).isZero();
    }

    @Test
    void eerOfHandComputedOverlap() {
        // targets 2,4,6,8 ; non-targets 1,3,5,7. At t=5: FNMR=2/4, FMR=2/4 → EER 50 %... shift:
        // targets 3,5,7,9 ; non-targets 0,1,2,4 → at t=3: FNMR 0, FMR 1/4 ; t=4: FNMR 1/4, FMR 1/4.
        DetMetrics m = new DetMetrics(new double[] {3, 5, 7, 9}, new double[] {0, 1, 2, 4});
        assertThat(m.eer()).isCloseTo(0.25, within(1e-9));
        assertThat(m.fmr(4)).isEqualTo(0.25);
        assertThat(m.fnmr(4)).isEqualTo(0.25);
        // FNMR at FMR ≤ 1 %: threshold just above 4 → FNMR 1/4.
        assertThat(m.fnmrAtFmr(0.01)).isEqualTo(0.25);
        // minDCF(0.5) = min over t of 0.5·FNMR + 0.5·FMR, normalised by 0.5: t=5 → 0.25 + 0 = 0.25.
        assertThat(m.minDcf(0.5)).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void refusesEmptyClasses() {
        assertThatThrownBy(() -> new DetMetrics(new double[0], new double[] {1}))
                .hasMessage("trials: 0 target, 1 non-target (expected: at least one of each)");
    }
}
