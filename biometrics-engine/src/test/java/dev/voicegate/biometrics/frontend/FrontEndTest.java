package dev.voicegate.biometrics.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.voicegate.biometrics.config.FrontEndConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontEndTest {

    private static SpeechQuality run(short[] customer, short[] agent) {
        FrontEnd fe = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> { });
        fe.accept(customer, agent);
        fe.flush();
        return fe.quality();
    }

    @Test
    void silenceHasNoSpeech() {
        assertThat(run(TestSignals.silence(5), null).netSpeechSeconds()).isZero();
    }

    @Test
    void steadyNoiseAtAnyLevelHasAlmostNoSpeech() {
        for (double rms : new double[] {30, 300, 3000}) {
            SpeechQuality q = run(TestSignals.noise(10, rms, 7), null);
            assertThat(q.netSpeechSeconds()).as("noise rms %s", rms).isLessThan(0.2);
        }
    }

    @Test
    void speechInNoiseIsDetectedAndSnrEstimated() {
        short[] noise = TestSignals.noise(2, 100, 1);
        short[] speech = TestSignals.speechLike(6, 3000, 100, 2);
        SpeechQuality q = run(TestSignals.concat(noise, speech), null);
        // The syllable envelope is above the floor about half of the time.
        assertThat(q.netSpeechSeconds()).isBetween(2.0, 4.5);
        assertThat(q.snrDb()).isGreaterThan(15);
        assertThat(q.totalSeconds()).isCloseTo(8.0, within(0.01));
    }

    @Test
    void clippedSamplesAreCounted() {
        short[] s = TestSignals.speechLike(2, 30000, 0, 3);
        assertThat(run(s, null).clippingRatio()).isGreaterThan(0.01);
        assertThat(run(TestSignals.speechLike(2, 1000, 0, 3), null).clippingRatio()).isZero();
    }

    @Test
    void framesWhereTheAgentDominatesAreDropped() {
        short[] customer = TestSignals.speechLike(4, 300, 20, 4);
        short[] agent = TestSignals.speechLike(4, 6000, 20, 5);
        SpeechQuality without = run(customer, null);
        SpeechQuality with = run(customer, agent);
        assertThat(with.crosstalkSeconds()).isGreaterThan(1.0);
        assertThat(with.netSpeechSeconds()).isLessThan(without.netSpeechSeconds() - 1.0);
    }

    @Test
    void agentAudioRunningAheadIsBoundedNotBufferedForever() {
        FrontEnd fe = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> { });
        for (int i = 0; i < 500; i++) {
            fe.accept(new short[80], new short[800]);
        }
        assertThat(fe.bufferedAgentSamples()).isLessThanOrEqualTo(8000 + CepstralExtractor.FRAME);
    }

    @Test
    void chunkedInputGivesTheSameFeaturesAsOneChunk() {
        short[] s = TestSignals.speechLike(5, 3000, 50, 6);
        List<float[]> whole = new ArrayList<>();
        FrontEnd a = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> whole.add(f.clone()));
        a.accept(s, null);
        a.flush();
        List<float[]> chunked = new ArrayList<>();
        FrontEnd b = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> chunked.add(f.clone()));
        for (int at = 0; at < s.length; at += 160) {
            b.accept(java.util.Arrays.copyOfRange(s, at, Math.min(s.length, at + 160)), null);
        }
        b.flush();
        assertThat(chunked).hasSameSizeAs(whole).isNotEmpty();
        for (int i = 0; i < whole.size(); i++) {
            assertThat(chunked.get(i)).containsExactly(whole.get(i));
        }
        assertThat(whole.get(0)).hasSize(FeatureNormalizer.FRAME_DIM);
    }

    @Test
    void framesCarryTheirRawStaticsAfterTheNormalisedFeatures() {
        short[] s = TestSignals.speechLike(5, 3000, 50, 6);
        List<float[]> frames = new ArrayList<>();
        List<Long> index = new ArrayList<>();
        FrontEnd fe = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> {
            frames.add(f.clone());
            index.add(i);
        });
        fe.accept(s, null);
        fe.flush();
        assertThat(frames).hasSizeGreaterThan(10);
        // The tail of frame k is exactly the statics the cepstral extractor computes for that frame.
        float[] buf = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            buf[i] = s[i];
        }
        CepstralExtractor ce = new CepstralExtractor();
        float[] expected = new float[CepstralExtractor.STATIC_DIM];
        for (int k : new int[] {0, frames.size() / 2, frames.size() - 1}) {
            ce.extract(buf, (int) (index.get(k) * CepstralExtractor.HOP), expected);
            float[] tail = java.util.Arrays.copyOfRange(frames.get(k), FeatureNormalizer.DIM, FeatureNormalizer.FRAME_DIM);
            assertThat(tail).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void normalisedFeaturesHaveZeroMeanAndUnitVariance() {
        List<float[]> frames = new ArrayList<>();
        FrontEnd fe = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> frames.add(f.clone()));
        fe.accept(TestSignals.speechLike(3, 3000, 300, 8), null);
        fe.flush();
        // The first 100 frames are held back and normalised with their own statistics.
        assertThat(frames.size()).isGreaterThan(100);
        double mean = 0;
        double sq = 0;
        for (float[] f : frames.subList(0, 100)) {
            mean += f[0];
            sq += f[0] * f[0];
        }
        mean /= 100;
        assertThat(mean).isCloseTo(0, within(1e-3));
        assertThat(sq / 100 - mean * mean).isCloseTo(1, within(1e-2));
    }
}
