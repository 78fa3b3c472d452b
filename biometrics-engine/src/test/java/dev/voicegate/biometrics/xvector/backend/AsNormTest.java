package dev.voicegate.biometrics.xvector.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.biometrics.internal.eval.DetMetrics;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AsNormTest {

    @Test
    void halvesPerEnrollmentAndPerTestScoreOffsetsAsTheSymmetricFormulaPredicts() {
        // raw score = (2 for a target, 0 otherwise) + noise + an offset of the enrollment + an offset of the test,
        // the offsets (sd 2) larger than the separation: pooled over speakers, raw scores are poorly calibrated
        Random r = new Random(42);
        int speakers = 150;
        double[] enrolOffset = new double[speakers];
        double[] testOffset = new double[speakers];
        AsNorm.CohortStats[] enrolStats = new AsNorm.CohortStats[speakers];
        AsNorm.CohortStats[] testStats = new AsNorm.CohortStats[speakers];
        for (int s = 0; s < speakers; s++) {
            enrolOffset[s] = 2 * r.nextGaussian();
            testOffset[s] = 2 * r.nextGaussian();
            double[] ce = new double[300];
            double[] ct = new double[300];
            for (int i = 0; i < ce.length; i++) {
                ce[i] = enrolOffset[s] + r.nextGaussian();
                ct[i] = testOffset[s] + r.nextGaussian();
            }
            enrolStats[s] = AsNorm.topN(ce, 100);
            testStats[s] = AsNorm.topN(ct, 100);
        }
        double[] rawTar = new double[speakers];
        double[] normTar = new double[speakers];
        double[] rawNon = new double[speakers * (speakers - 1)];
        double[] normNon = new double[rawNon.length];
        int k = 0;
        for (int e = 0; e < speakers; e++) {
            for (int t = 0; t < speakers; t++) {
                double raw = (e == t ? 2 : 0) + r.nextGaussian() + enrolOffset[e] + testOffset[t];
                double norm = AsNorm.normalise(raw, enrolStats[e], testStats[t]);
                if (e == t) {
                    rawTar[e] = raw;
                    normTar[e] = norm;
                } else {
                    rawNon[k] = raw;
                    normNon[k++] = norm;
                }
            }
        }
        double rawEer = new DetMetrics(rawTar, rawNon).eer();
        double normEer = new DetMetrics(normTar, normNon).eer();
        // raw: separation 2 against noise sd √(1 + 4 + 4) = 3 → EER Φ(-1/3) = 0.37. Each side's cohort mean removes
        // that side's offset from its half of the symmetric average, so half of each offset remains: residual sd
        // √(1 + 1 + 1) = √3 in raw units → EER Φ(-1/√3) = 0.28 (the top-N std rescales both terms alike)
        assertThat(rawEer).isCloseTo(0.37, org.assertj.core.api.Assertions.within(0.05));
        assertThat(normEer).isCloseTo(0.28, org.assertj.core.api.Assertions.within(0.05)).isLessThan(rawEer - 0.05);
    }
}
