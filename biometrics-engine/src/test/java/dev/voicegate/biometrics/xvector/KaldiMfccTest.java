package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KaldiMfccTest {

    @Test
    void matchesTheNumpyOracleFrameByFrame() {
        short[] pcm = Fixtures.clip();
        float[][] oracle = Fixtures.matrix("espeak-8k.mfcc.txt");
        float[][] ours = KaldiMfcc.compute(pcm);
        assertThat(ours.length).isEqualTo(oracle.length).isEqualTo(KaldiMfcc.frameCount(pcm.length));
        double worst = 0;
        double sumSq = 0;
        for (int t = 0; t < ours.length; t++) {
            for (int k = 0; k < KaldiMfcc.NUM_CEPS; k++) {
                double diff = Math.abs(ours[t][k] - oracle[t][k]) / Math.max(1.0, Math.abs(oracle[t][k]));
                sumSq += diff * diff;
                worst = Math.max(worst, diff);
            }
        }
        double rms = Math.sqrt(sumSq / (ours.length * KaldiMfcc.NUM_CEPS));
        // the tables follow Kaldi's float arithmetic, the oracle's are float64: a few 1e-4 at most
        assertThat(worst).as("worst relative difference to the oracle").isLessThan(3e-4);
        assertThat(rms).as("rms relative difference to the oracle").isLessThan(1e-5);
    }

    @Test
    void windowIsPoveysHammingLikeWindowThatReachesZeroAtTheEdges() {
        float[] w = KaldiTables.poveyWindow(KaldiMfcc.FRAME_LENGTH);
        assertThat(w[0]).isZero();
        assertThat(w[199]).isCloseTo(0f, within(1e-6f));
        // i = 50: 0.5 - 0.5 cos(2π·50/199) = 0.5039467, ^0.85 = 0.5585048
        double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * 50 / 199);
        assertThat(hann).isCloseTo(0.5039467, within(1e-7));
        assertThat(w[50]).isCloseTo((float) Math.exp(0.85 * Math.log(hann)), within(1e-7f));
        assertThat(w[50]).isCloseTo(0.5585048f, within(1e-7f));
    }

    @Test
    void melBinsAreKaldisTrianglesBetween20And3700Hz() {
        KaldiTables.MelBanks banks = KaldiTables.melBanks(23, 256, 8000, 20, 3700);
        assertThat(banks.bins()).hasSize(23);
        // mel(20) = 1127 ln(1 + 20/700) = 31.74858; mel(3700) = 1127 ln(1 + 3700/700) = 2071.741; step = /24
        float melLow = KaldiTables.melScale(20f);
        float melHigh = KaldiTables.melScale(3700f);
        assertThat(melLow).isCloseTo(31.74858f, within(1e-4f));
        assertThat(melHigh).isCloseTo(2071.741f, within(1e-3f));
        float delta = (melHigh - melLow) / 24;
        // first bin: left edge 20 Hz, right edge mel 31.75 + 2·85.0 = 201.76 → 700 (e^(201.76/1127) - 1) = 137.2 Hz
        // FFT bins are 31.25 Hz apart, so bins 1..4 (31.25 .. 125 Hz) lie strictly inside
        KaldiTables.Bin first = banks.bins()[0];
        assertThat(first.offset()).isEqualTo(1);
        assertThat(first.weights()).hasSize(4);
        float mel3125 = KaldiTables.melScale(31.25f);
        assertThat(first.weights()[0]).isCloseTo((mel3125 - melLow) / delta, within(1e-6f));
        // last bin ends at 3700 Hz: FFT bin 118 (3687.5 Hz) is its last, Nyquist (bin 128) is never used
        KaldiTables.Bin last = banks.bins()[22];
        assertThat(last.offset() + last.weights().length - 1).isEqualTo(118);
        for (KaldiTables.Bin b : banks.bins()) {
            for (float v : b.weights()) {
                assertThat(v).isGreaterThan(0f).isLessThanOrEqualTo(1f);
            }
        }
    }

    @Test
    void dctIsKaldisOrthonormalTypeTwoAndLifterIs22() {
        float[][] d = KaldiTables.dctMatrix(23, 23);
        assertThat(d[0][7]).isCloseTo((float) Math.sqrt(1.0 / 23), within(1e-7f));
        // k = 3, n = 5: sqrt(2/23) cos(π/23 · 5.5 · 3) = 0.2948839 · cos(2.2537513) = -0.1860977
        assertThat(d[3][5]).isCloseTo(-0.1860977f, within(1e-7f));
        // orthonormal rows
        for (int a = 0; a < 23; a++) {
            for (int b = 0; b < 23; b++) {
                double dot = 0;
                for (int n = 0; n < 23; n++) {
                    dot += d[a][n] * d[b][n];
                }
                assertThat(dot).isCloseTo(a == b ? 1.0 : 0.0, within(1e-6));
            }
        }
        float[] lifter = KaldiTables.lifterCoefficients(23, 22f);
        assertThat(lifter[0]).isEqualTo(1f);
        assertThat(lifter[11]).isCloseTo(12f, within(1e-6f)); // 1 + 11 sin(π/2)
        assertThat(lifter[1]).isCloseTo((float) (1 + 11 * Math.sin(Math.PI / 22)), within(1e-6f));
    }

    @Test
    void c0IsTheLogEnergyOfTheDcFreeFrameBeforePreEmphasis() {
        // a constant offset plus a square wave of amplitude 100: after DC removal every sample is ±100
        short[] pcm = new short[200];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (1000 + ((i / 4) % 2 == 0 ? 100 : -100));
        }
        float[][] f = KaldiMfcc.compute(pcm);
        assertThat(f).hasNumberOfRows(1);
        assertThat(f[0][0]).isCloseTo((float) Math.log(200 * 100.0 * 100.0), within(1e-5f));
    }

    @Test
    void digitalSilenceGivesTheFloatEpsilonFloor() {
        float[][] f = KaldiMfcc.compute(new short[400]);
        assertThat(f).hasNumberOfRows(3);
        float logEps = (float) Math.log(Math.ulp(1.0f));
        assertThat(f[2][0]).isEqualTo(logEps);
        // every log mel is log(eps), so the DCT of a constant: only c1.. vanish
        for (int k = 1; k < 23; k++) {
            assertThat(f[2][k]).isCloseTo(0f, within(1e-4f));
        }
    }

    @Test
    void frameCountFollowsSnipEdges() {
        assertThat(KaldiMfcc.frameCount(0)).isZero();
        assertThat(KaldiMfcc.frameCount(199)).isZero();
        assertThat(KaldiMfcc.frameCount(200)).isOne();
        assertThat(KaldiMfcc.frameCount(279)).isOne();
        assertThat(KaldiMfcc.frameCount(280)).isEqualTo(2);
        assertThat(KaldiMfcc.compute(new short[0])).isEmpty();
        assertThat(KaldiMfcc.compute(new short[199])).isEmpty();
    }

    @Test
    void chunksOfAnySizeGiveTheSameFramesAsTheWholeClip() {
        short[] pcm = Fixtures.clip();
        float[][] whole = KaldiMfcc.compute(pcm);
        Random rnd = new Random(7);
        List<float[]> shorts = new ArrayList<>();
        KaldiMfcc a = new KaldiMfcc(8000, (f, t) -> shorts.add(f.clone()));
        for (int i = 0; i < pcm.length; ) {
            int n = Math.min(pcm.length - i, rnd.nextInt(300));
            a.accept(pcm, i, n);
            i += n;
        }
        assertThat(shorts.toArray(new float[0][])).isDeepEqualTo(whole);

        byte[] le = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            le[2 * i] = (byte) pcm[i];
            le[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        List<float[]> bytes = new ArrayList<>();
        KaldiMfcc b = new KaldiMfcc(8000, (f, t) -> bytes.add(f.clone()));
        for (int i = 0; i < le.length; ) {
            int n = Math.min(le.length - i, rnd.nextInt(301)); // odd sizes split samples
            b.acceptPcm16Le(le, i, n);
            i += n;
        }
        assertThat(bytes.toArray(new float[0][])).isDeepEqualTo(whole);
        assertThat(b.samples()).isEqualTo(pcm.length);
        assertThat(b.frames()).isEqualTo(whole.length);
    }

    @Test
    void refusesAnotherSampleRateWithAClearMessage() {
        assertThatThrownBy(() -> new KaldiMfcc(16000, (f, t) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sampleRate: 16000 Hz (expected: 8000 Hz");
    }

    @Test
    void refusesShortSamplesWhileAByteChunkEndedInsideASample() {
        KaldiMfcc m = new KaldiMfcc(8000, (f, t) -> { });
        m.acceptPcm16Le(new byte[3], 0, 3);
        assertThatThrownBy(() -> m.accept(new short[4], 0, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("middle of a sample");
    }
}
