package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code snip-edges=false}, the training recipe's frame placement. */
class CentredFramesTest {

    /** Kaldi's ExtractWindow for snip-edges=false written out: start 80t - 60, mirrored edges. */
    static short[] centredFrame(short[] pcm, int t) {
        short[] f = new short[200];
        int n = pcm.length;
        for (int k = 0; k < 200; k++) {
            int i = 80 * t - 60 + k;
            while (i < 0 || i >= n) {
                i = i < 0 ? -i - 1 : 2 * n - 1 - i;
            }
            f[k] = pcm[i];
        }
        return f;
    }

    @Test
    void framesAreCentredWithMirroredEdgesAndCountedAsKaldiDoes() {
        short[] clip = Fixtures.clip();
        for (int n : new int[] {0, 39, 40, 119, 120, 139, 140, 141, 199, 200, 219, 220, 1000, 1039, 1040, clip.length}) {
            short[] pcm = Arrays.copyOf(clip, n);
            float[][] got = KaldiMfcc.compute(pcm, false);
            assertThat(got.length).as("%d samples", n).isEqualTo((n + 40) / 80).isEqualTo(KaldiMfcc.frameCount(n, false));
            for (int t = 0; t < got.length; t++) {
                float[][] one = KaldiMfcc.compute(centredFrame(pcm, t));
                assertThat(got[t]).as("%d samples, frame %d", n, t).isEqualTo(one[0]);
            }
        }
    }

    @Test
    void streamingEqualsWholeAndOnlyTheLastFramesWaitForFinish() {
        short[] pcm = Fixtures.clip();
        float[][] whole = KaldiMfcc.compute(pcm, false);
        List<float[]> got = new ArrayList<>();
        KaldiMfcc m = new KaldiMfcc(8000, false, (f, t) -> got.add(f.clone()));
        Random r = new Random(1);
        for (int i = 0; i < pcm.length; ) {
            int len = Math.min(pcm.length - i, r.nextInt(250));
            m.accept(pcm, i, len);
            i += len;
        }
        // frame t is delivered once sample 80t + 139 has arrived
        assertThat(m.frames()).isEqualTo((pcm.length - 140) / 80 + 1);
        assertThat(whole.length - m.frames()).isBetween(1L, 2L);
        m.finish();
        assertThat(got.toArray(new float[0][])).isDeepEqualTo(whole);
    }

    @Test
    void frontEndWithCentredFramesEqualsItsParts() {
        short[] pcm = Fixtures.clip();
        float[][] mfcc = KaldiMfcc.compute(pcm, false);
        float[][] cmn = SlidingCmnTest.bruteForce(mfcc, 300);
        List<float[]> got = new ArrayList<>();
        XvectorFrontEnd fe = new XvectorFrontEnd(8000,
                new XvectorFrontEnd.Options(VadOptions.XVECTOR_RECIPE, 300, false), (f, t, v) -> got.add(f.clone()));
        fe.accept(pcm, 0, pcm.length);
        fe.finish();
        assertThat(got).hasSize(mfcc.length);
        for (int t = 0; t < mfcc.length; t++) {
            for (int d = 0; d < 23; d++) {
                assertThat(got.get(t)[d]).isCloseTo(cmn[t][d], org.assertj.core.api.Assertions.within(1e-4f));
            }
        }
    }
}
