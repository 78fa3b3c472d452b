package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XvectorFrontEndTest {

    record Frame(float[] values, long index, boolean voiced) {
    }

    static List<Frame> run(short[] pcm, int maxChunk, long seed) {
        List<Frame> frames = new ArrayList<>();
        XvectorFrontEnd fe = new XvectorFrontEnd(8000, (f, t, v) -> frames.add(new Frame(f.clone(), t, v)));
        Random rnd = new Random(seed);
        for (int i = 0; i < pcm.length; ) {
            int n = maxChunk <= 0 ? pcm.length : Math.min(pcm.length - i, 1 + rnd.nextInt(maxChunk));
            fe.accept(pcm, i, n);
            i += n;
        }
        fe.finish();
        assertThat(fe.framesDelivered()).isEqualTo(frames.size()).isEqualTo(fe.framesComputed());
        assertThat(fe.voicedFrames()).isEqualTo(frames.stream().filter(Frame::voiced).count());
        assertThat(fe.netSpeechSeconds()).isEqualTo(fe.voicedFrames() * 0.01);
        return frames;
    }

    /** 12 s: the clip, silence with a little noise, the clip again, so the CMN window slides and the VAD streams. */
    static short[] longAudio() {
        short[] clip = Fixtures.clip();
        short[] pcm = new short[clip.length * 2 + 8000];
        Random rnd = new Random(11);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (rnd.nextGaussian() * 20);
        }
        System.arraycopy(clip, 0, pcm, 0, clip.length);
        System.arraycopy(clip, 0, pcm, clip.length + 8000, clip.length);
        return pcm;
    }

    @Test
    void equalsBatchMfccThenSlidingCmnWithTheStreamingVad() {
        short[] pcm = longAudio();
        float[][] mfcc = KaldiMfcc.compute(pcm);
        float[][] cmn = SlidingCmnTest.bruteForce(mfcc, 300);
        boolean[] vad = VadTest.streamed(KaldiComputeVad.c0(mfcc), 300);
        List<Frame> frames = run(pcm, 0, 0);
        assertThat(frames).hasSize(mfcc.length);
        for (int t = 0; t < mfcc.length; t++) {
            Frame f = frames.get(t);
            assertThat(f.index()).isEqualTo(t);
            assertThat(f.voiced()).isEqualTo(vad[t]);
            for (int d = 0; d < 23; d++) {
                assertThat(f.values()[d]).isCloseTo(cmn[t][d], org.assertj.core.api.Assertions.within(1e-4f));
            }
        }
    }

    @Test
    void chunkingNeverChangesTheOutput() {
        short[] pcm = longAudio();
        List<Frame> whole = run(pcm, 0, 0);
        for (int[] c : new int[][] {{1, 1}, {79, 2}, {160, 3}, {4000, 4}}) {
            List<Frame> chunked = run(pcm, c[0], c[1]);
            assertThat(chunked).hasSize(whole.size());
            for (int t = 0; t < whole.size(); t++) {
                assertThat(chunked.get(t).voiced()).isEqualTo(whole.get(t).voiced());
                assertThat(Arrays.equals(chunked.get(t).values(), whole.get(t).values())).as("frame %d", t).isTrue();
            }
        }
    }

    @Test
    void aClipShorterThanTheWarmUpGetsExactlyKaldisVad() {
        short[] pcm = Arrays.copyOf(Fixtures.clip(), 8000 * 2 + 120); // 2 s: everything decided at finish()
        float[][] mfcc = KaldiMfcc.compute(pcm);
        boolean[] exact = KaldiComputeVad.compute(KaldiComputeVad.c0(mfcc), VadOptions.XVECTOR_RECIPE);
        List<Frame> frames = run(pcm, 500, 9);
        for (int t = 0; t < exact.length; t++) {
            assertThat(frames.get(t).voiced()).isEqualTo(exact[t]);
        }
    }

    @Test
    void holdsFramesForLookAheadUntilFinish() {
        List<Frame> frames = new ArrayList<>();
        XvectorFrontEnd fe = new XvectorFrontEnd(8000, (f, t, v) -> frames.add(new Frame(f.clone(), t, v)));
        short[] pcm = longAudio();
        // 400 frames need 200 + 399·80 samples
        fe.accept(pcm, 0, 200 + 399 * 80);
        assertThat(fe.framesComputed()).isEqualTo(400);
        assertThat(fe.framesDelivered()).isEqualTo(400 - 149);
        fe.finish();
        assertThat(fe.framesDelivered()).isEqualTo(400);
        fe.finish(); // idempotent
        assertThat(frames).hasSize(400);
        assertThatThrownBy(() -> fe.accept(pcm, 0, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("audio after finish()");
    }

    @Test
    void emptyAndSubFrameInputsDeliverNothing() {
        assertThat(run(new short[0], 0, 0)).isEmpty();
        assertThat(run(new short[199], 0, 0)).isEmpty();
        List<Frame> one = run(new short[200], 0, 0);
        assertThat(one).hasSize(1);
        assertThat(one.get(0).values()).containsOnly(0f); // a single frame minus its own mean
    }

    @Test
    void refusesAnotherSampleRate() {
        assertThatThrownBy(() -> new XvectorFrontEnd(16000, (f, t, v) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sampleRate: 16000 Hz (expected: 8000 Hz");
    }
}
