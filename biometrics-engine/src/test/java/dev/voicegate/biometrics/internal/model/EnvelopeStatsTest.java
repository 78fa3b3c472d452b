package dev.voicegate.biometrics.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.voicegate.biometrics.frontend.CepstralExtractor;
import dev.voicegate.biometrics.frontend.FeatureNormalizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnvelopeStatsTest {

    private static float[] frame(Random r, double mean, double sd) {
        float[] f = new float[FeatureNormalizer.FRAME_DIM];
        for (int i = 0; i < f.length; i++) {
            // The normalised part must be ignored: random values there would change the vector if it were read.
            f[i] = (float) (i < FeatureNormalizer.DIM ? 1000 * r.nextGaussian() : mean + sd * r.nextGaussian());
        }
        return f;
    }

    @Test
    void vectorIsTheMeanAndLogStandardDeviationOfTheRawStatics() {
        EnvelopeStats s = new EnvelopeStats();
        s.accept(rawFrame(1));
        s.accept(rawFrame(3));
        float[] v = s.vector();
        assertThat(v).hasSize(EnvelopeStats.DIM);
        for (int d = 0; d < CepstralExtractor.STATIC_DIM; d++) {
            assertThat(v[d]).isCloseTo(2f * (d + 1), within(1e-5f));           // mean of (d+1)·1 and (d+1)·3
            assertThat(v[CepstralExtractor.STATIC_DIM + d])
                    .isCloseTo((float) Math.log(d + 1 + 1e-3), within(1e-5f)); // std = (d+1)
        }
    }

    private static float[] rawFrame(double k) {
        float[] f = new float[FeatureNormalizer.FRAME_DIM];
        for (int d = 0; d < CepstralExtractor.STATIC_DIM; d++) {
            f[FeatureNormalizer.DIM + d] = (float) (k * (d + 1));
        }
        return f;
    }

    @Test
    void statisticsAreAdditiveAndSubtractive() {
        Random r = new Random(7);
        EnvelopeStats a = new EnvelopeStats();
        EnvelopeStats b = new EnvelopeStats();
        EnvelopeStats all = new EnvelopeStats();
        for (int i = 0; i < 300; i++) {
            float[] f = frame(r, i < 150 ? -2 : 3, 1.5);
            (i < 150 ? a : b).accept(f);
            all.accept(f);
        }
        EnvelopeStats sum = new EnvelopeStats();
        sum.add(a);
        sum.add(b);
        assertThat(sum.frames()).isEqualTo(300);
        assertThat(sum.vector()).containsExactly(all.vector(), org.assertj.core.data.Offset.offset(1e-4f));
        sum.subtract(b);
        assertThat(sum.vector()).containsExactly(a.vector(), org.assertj.core.data.Offset.offset(1e-4f));
        sum.clear();
        assertThat(sum.frames()).isZero();
        assertThat(sum.vector()).containsOnly(0f);
    }
}
