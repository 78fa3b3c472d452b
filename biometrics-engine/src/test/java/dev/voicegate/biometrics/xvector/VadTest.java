package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VadTest {

    private static final VadOptions RECIPE = VadOptions.XVECTOR_RECIPE;

    static boolean[] streamed(float[] c0, int cmnWindow) {
        boolean[] out = new boolean[c0.length];
        int[] count = {0};
        StreamingVad vad = StreamingVad.alignedWith(cmnWindow, RECIPE, (t, v) -> {
            assertThat(t).isEqualTo(count[0]);
            out[count[0]++] = v;
        });
        for (float e : c0) {
            vad.push(e);
        }
        vad.finish();
        assertThat(count[0]).isEqualTo(c0.length);
        return out;
    }

    @Test
    void computeVadFollowsKaldisRuleByHand() {
        // mean c0 = (10·0 + 10·20) / 20 = 10 → threshold 5.5 + 0.5·10 = 10.5; loud frames are 10..19
        float[] c0 = new float[20];
        for (int t = 10; t < 20; t++) {
            c0[t] = 20;
        }
        boolean[] v = KaldiComputeVad.compute(c0, RECIPE);
        // ±2 context, ≥ 12 % loud: one loud frame in 5 (20 %) is enough, so frames 8 and 9 turn voiced
        for (int t = 0; t < 20; t++) {
            assertThat(v[t]).as("frame %d", t).isEqualTo(t >= 8);
        }
        // at the edge the window is clipped: mean 2.5, threshold 6.75, only frame 0 is loud; frame 0 counts
        // 3 frames (1/3 loud), frame 1 counts 4 (1/4), frame 2 counts 5 (1/5)
        float[] edge = {20, 0, 0, 0, 0, 0, 0, 0};
        boolean[] third = KaldiComputeVad.compute(edge, new VadOptions(5.5f, 0.5f, 2, 0.33f));
        assertThat(third).containsExactly(true, false, false, false, false, false, false, false);
        boolean[] quarter = KaldiComputeVad.compute(edge, new VadOptions(5.5f, 0.5f, 2, 0.25f));
        assertThat(quarter).containsExactly(true, true, false, false, false, false, false, false);
        assertThat(KaldiComputeVad.compute(edge, new VadOptions(5.5f, 0.5f, 2, 0.34f))[0]).isFalse();
        assertThat(KaldiComputeVad.compute(new float[0], RECIPE)).isEmpty();
    }

    @Test
    void computeVadMatchesTheOracleOnTheFixture() {
        float[][] mfcc = KaldiMfcc.compute(Fixtures.clip());
        String expected = new String(Fixtures.bytes("espeak-8k.vad.txt"), StandardCharsets.US_ASCII).trim();
        boolean[] v = KaldiComputeVad.compute(KaldiComputeVad.c0(mfcc), RECIPE);
        StringBuilder got = new StringBuilder();
        for (boolean b : v) {
            got.append(b ? '1' : '0');
        }
        assertThat(got.toString()).isEqualTo(expected);
        assertThat(expected).contains("0").contains("1");
    }

    @Test
    void streamingEqualsComputeVadWhenTheUtteranceFitsInTheWarmUp() {
        Random rnd = new Random(3);
        for (int n : new int[] {0, 1, 2, 3, 5, 150, 299, 300}) {
            float[] c0 = new float[n];
            for (int t = 0; t < n; t++) {
                c0[t] = (float) (rnd.nextBoolean() ? 8 + rnd.nextGaussian() : 18 + 2 * rnd.nextGaussian());
            }
            assertThat(streamed(c0, 300)).as("%d frames", n).isEqualTo(KaldiComputeVad.compute(c0, RECIPE));
        }
    }

    @Test
    void streamingDiffersOnlyWhereTheRunningMeanHasNotSettled() {
        // a long utterance whose loudness changes: speech-like frames (c0 ≈ 18) with a quiet stretch of
        // background (≈ 9) in the middle; the streaming threshold follows the running mean
        Random rnd = new Random(5);
        float[] c0 = new float[6000];
        for (int t = 0; t < c0.length; t++) {
            boolean speech = (t / 40) % 3 != 0 && (t < 2500 || t > 3500);
            c0[t] = (float) (speech ? 18 + 1.5 * rnd.nextGaussian() : 9 + rnd.nextGaussian());
        }
        boolean[] exact = KaldiComputeVad.compute(c0, RECIPE);
        boolean[] stream = streamed(c0, 300);
        int differ = 0;
        for (int t = 0; t < c0.length; t++) {
            differ += exact[t] == stream[t] ? 0 : 1;
        }
        assertThat(differ).isLessThan(c0.length / 100);
    }

    @Test
    void decisionsLeaveOnTheSamePushAsTheSlidingCmnFrames() {
        long[] cmnDelivered = {0};
        long[] vadDecided = {0};
        SlidingCmn cmn = new SlidingCmn(1, 300, (f, t) -> cmnDelivered[0]++);
        StreamingVad vad = StreamingVad.alignedWith(300, RECIPE, (t, v) -> vadDecided[0]++);
        for (int i = 0; i < 1000; i++) {
            vad.push(i % 7);
            cmn.push(new float[] {i % 7});
            assertThat(vadDecided[0]).isEqualTo(cmnDelivered[0]);
        }
        vad.finish();
        cmn.finish();
        assertThat(vadDecided[0]).isEqualTo(cmnDelivered[0]).isEqualTo(1000);
    }

    @Test
    void refusesInvalidOptionsWithTheirNames() {
        assertThatThrownBy(() -> new VadOptions(5.5f, -1f, 2, 0.12f)).hasMessage("vad.energyMeanScale: -1.0 (expected: >= 0)");
        assertThatThrownBy(() -> new VadOptions(5.5f, 0.5f, -1, 0.12f)).hasMessage("vad.framesContext: -1 (expected: >= 0)");
        assertThatThrownBy(() -> new VadOptions(5.5f, 0.5f, 2, 1f)).hasMessage("vad.proportionThreshold: 1.0 (expected: in (0, 1))");
        assertThatThrownBy(() -> new VadOptions(Float.NaN, 0.5f, 2, 0.5f)).hasMessageContaining("vad.energyThreshold: NaN");
        assertThatThrownBy(() -> new StreamingVad(RECIPE, 300, 1, (t, v) -> { }))
                .hasMessage("lookAheadFrames: 1 (expected: >= framesContext 2)");
        StreamingVad vad = StreamingVad.alignedWith(300, RECIPE, (t, v) -> { });
        assertThatThrownBy(() -> vad.push(Float.NaN)).hasMessage("c0: NaN (expected: finite)");
        vad.finish();
        assertThatThrownBy(() -> vad.push(1f)).isInstanceOf(IllegalStateException.class);
    }
}
