package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SlidingCmnTest {

    /** Kaldi's window placement for center=true written out literally, then the mean summed directly. */
    static float[][] bruteForce(float[][] in, int window) {
        int n = in.length;
        float[][] out = new float[n][];
        for (int t = 0; t < n; t++) {
            int start = t - window / 2;
            int end = start + window;
            if (start < 0) {
                end -= start;
                start = 0;
            }
            if (end > n) {
                start -= end - n;
                end = n;
                if (start < 0) {
                    start = 0;
                }
            }
            int dim = in[t].length;
            out[t] = new float[dim];
            for (int d = 0; d < dim; d++) {
                double s = 0;
                for (int f = start; f < end; f++) {
                    s += in[f][d];
                }
                out[t][d] = (float) (in[t][d] - s / (end - start));
            }
        }
        return out;
    }

    static float[][] random(int n, int dim, long seed) {
        Random rnd = new Random(seed);
        float[][] m = new float[n][dim];
        for (int t = 0; t < n; t++) {
            for (int d = 0; d < dim; d++) {
                // a drifting offset, so the window placement matters
                m[t][d] = (float) (rnd.nextGaussian() * 3 + 0.05 * t + 10 * d);
            }
        }
        return m;
    }

    static List<float[]> stream(float[][] in, int window, List<Long> deliveredAfterPush) {
        List<float[]> got = new ArrayList<>();
        SlidingCmn cmn = new SlidingCmn(in.length == 0 ? 3 : in[0].length, window, (f, t) -> {
            assertThat(t).isEqualTo(got.size());
            got.add(f.clone());
        });
        for (float[] frame : in) {
            cmn.push(frame);
            deliveredAfterPush.add(cmn.delivered());
        }
        cmn.finish();
        assertThat(cmn.delivered()).isEqualTo(in.length);
        return got;
    }

    @ParameterizedTest(name = "{0} frames, window {1}")
    @CsvSource({"0,300", "1,300", "2,300", "149,300", "150,300", "151,300", "299,300", "300,300", "301,300",
            "450,300", "451,300", "452,300", "1000,300", "37,7", "38,8", "3,8", "9,1", "20,2"})
    void streamEqualsKaldisWindowPlacementAtBothEdges(int frames, int window) {
        float[][] in = random(frames, 3, frames * 31L + window);
        float[][] expected = bruteForce(in, window);
        List<Long> delivered = new ArrayList<>();
        List<float[]> got = stream(in, window, delivered);
        assertThat(got).hasSize(frames);
        for (int t = 0; t < frames; t++) {
            for (int d = 0; d < 3; d++) {
                assertThat(got.get(t)[d]).as("frame %d dim %d", t, d).isCloseTo(expected[t][d], within(2e-5f));
            }
        }
        // frame t leaves after push number max(W, t + W - W/2), never earlier, never later
        for (int pushed = 1; pushed <= frames; pushed++) {
            long ready = 0;
            while (ready < pushed && Math.max(window, ready + window - window / 2) <= pushed) {
                ready++;
            }
            assertThat(delivered.get(pushed - 1)).as("delivered after %d pushes", pushed).isEqualTo(ready);
        }
    }

    @Test
    void matchesTheOraclesSlidingCmnOnTheFixture() {
        float[][] mfcc = KaldiMfcc.compute(Fixtures.clip());
        float[][] oracle = Fixtures.matrix("espeak-8k.cmn.txt");
        List<float[]> got = stream(mfcc, 300, new ArrayList<>());
        assertThat(got).hasSize(oracle.length);
        assertThat(oracle.length).isGreaterThan(450); // the window slides and both edges are exercised
        for (int t = 0; t < oracle.length; t++) {
            for (int d = 0; d < 23; d++) {
                assertThat(got.get(t)[d]).isCloseTo(oracle[t][d], within(5e-4f + 2e-4f * Math.abs(oracle[t][d])));
            }
        }
    }

    @Test
    void lookAheadIsHalfTheWindow() {
        assertThat(SlidingCmn.lookAheadFrames(300)).isEqualTo(149);
        assertThat(SlidingCmn.lookAheadFrames(7)).isEqualTo(3);
    }

    @Test
    void refusesBadArgumentsAndPushAfterFinish() {
        assertThatThrownBy(() -> new SlidingCmn(0, 300, (f, t) -> { })).hasMessage("dim: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new SlidingCmn(23, 0, (f, t) -> { })).hasMessage("window: 0 (expected: >= 1)");
        SlidingCmn cmn = new SlidingCmn(2, 300, (f, t) -> { });
        assertThatThrownBy(() -> cmn.push(new float[3])).hasMessage("frame length: 3 (expected: 2)");
        cmn.finish();
        assertThatThrownBy(() -> cmn.push(new float[2])).isInstanceOf(IllegalStateException.class);
    }
}
