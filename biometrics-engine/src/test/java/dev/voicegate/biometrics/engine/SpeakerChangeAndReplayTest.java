package dev.voicegate.biometrics.engine;

import static dev.voicegate.biometrics.engine.EngineFixture.A;
import static dev.voicegate.biometrics.engine.EngineFixture.B;
import static dev.voicegate.biometrics.engine.EngineFixture.C;
import static dev.voicegate.biometrics.engine.EngineFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.LiveVoiceResult;
import dev.voicegate.biometrics.frontend.MuLaw;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakerChangeAndReplayTest {

    @TempDir
    Path dir;
    EngineFixture f;

    @BeforeEach
    void open() {
        f = new EngineFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The GMM alternative with the default threshold (derived for it, docs/engine.md §8). */
    @Test
    void detectsTheHandOverInASplicedRecordingWithTheGmmAlternative() throws Exception {
        try (EngineFixture g = new EngineFixture(dir.resolve("gmm"), EngineConfig.GMM_V3, EngineFixture.GMM)) {
            short[] first = audio(A, "enroll-mulaw.wav");
            short[] spliced = concat(first, audio(B, "test0-mulaw.wav"));
            AnalysisResult r = g.analyse(AnalysisRequest.passive(8000), spliced);
            assertThat(r.speakerChange().changed()).isTrue();
            Duration splice = Duration.ofMillis(first.length / 8);
            // The first differing window starts at most a window (4 s of speech, ~5 s of audio) before the splice.
            assertThat(r.speakerChange().at()).isBetween(splice.minusSeconds(6), splice.plusSeconds(6));
        }
    }

    @Test
    void reportsNoChangeWhenTheSameSpeakerGoesOnWithTheGmmAlternative() throws Exception {
        try (EngineFixture g = new EngineFixture(dir.resolve("gmm"), EngineConfig.GMM_V3, EngineFixture.GMM)) {
            short[] same = concat(audio(A, "enroll-mulaw.wav"), audio(A, "test0-mulaw.wav"));
            AnalysisResult r = g.analyse(AnalysisRequest.passive(8000), concat(same, audio(A, "test1-mulaw.wav")));
            assertThat(r.speakerChange().changed()).isFalse();
            assertThat(r.speakerChange().at()).isNull();
        }
    }

    /**
     * The x-vector engine's windows (pooled statistics of the call, snapshot differences) against its reference.
     * The default threshold (0.2) was derived for the GMM and must be re-derived on real speech; this checks the
     * mechanism with {@link #XVEC_THRESHOLD}, a level between this corpus's same-voice windows (calibrated ≥ 0.99)
     * and a voice of another synthesiser (cosine ≈ 0.4).
     */
    private static final double XVEC_THRESHOLD = 0.95;

    private EngineFixture xvecWithThreshold() {
        return new EngineFixture(dir.resolve("xvec"), EngineConfig.DEFAULTS.withSpeakerChangeThreshold(XVEC_THRESHOLD));
    }

    @Test
    void detectsTheHandOverInASplicedRecording() throws Exception {
        try (EngineFixture x = xvecWithThreshold()) {
            short[] first = audio(A, "enroll-mulaw.wav");
            short[] spliced = concat(first, audio(C, "test0-mulaw.wav"));
            AnalysisResult r = x.analyse(AnalysisRequest.passive(8000), spliced);
            assertThat(r.speakerChange().changed()).isTrue();
            Duration splice = Duration.ofMillis(first.length / 8);
            assertThat(r.speakerChange().at()).isBetween(splice.minusSeconds(6), splice.plusSeconds(6));
        }
    }

    @Test
    void reportsNoChangeWhenTheSameSpeakerGoesOn() throws Exception {
        try (EngineFixture x = xvecWithThreshold()) {
            short[] same = concat(audio(A, "enroll-mulaw.wav"), audio(A, "test0-mulaw.wav"));
            AnalysisResult r = x.analyse(AnalysisRequest.passive(8000), concat(same, audio(A, "test1-mulaw.wav")));
            assertThat(r.speakerChange().changed()).isFalse();
            assertThat(r.speakerChange().at()).isNull();
        }
    }

    /** The same recording played again: other level, line noise, another µ-law pass, a different lead-in. */
    private static short[] replayed(short[] clip) {
        Random rnd = new Random(5);
        short[] out = new short[clip.length + 2400];
        for (int i = 0; i < out.length; i++) {
            double s = i >= 2400 ? clip[i - 2400] * 0.7 : 0;
            s += rnd.nextGaussian() * 30;
            out[i] = MuLaw.decode(MuLaw.encode((short) Math.max(-32768, Math.min(32767, Math.round(s)))));
        }
        return out;
    }

    @Test
    void replayOfARecentVerificationIsSpoofedAndFreshSpeechIsNeverGenuine() throws Exception {
        f.enroll("cust-a", A);
        short[] call = audio(A, "test0-mulaw.wav");
        AnalysisResult first = f.analyse(AnalysisRequest.verify(8000, "cust-a"), call);
        assertThat(first.liveness().result()).isEqualTo(LiveVoiceResult.LOW_CONF);
        assertThat(f.store.replayFingerprints("cust-a")).hasSize(1);

        AnalysisResult replay = f.analyse(AnalysisRequest.verify(8000, "cust-a"), replayed(call));
        assertThat(replay.liveness().result()).isEqualTo(LiveVoiceResult.SPOOFED);
        assertThat(replay.liveness().score()).isLessThan(0.6);

        AnalysisResult fresh = f.analyse(AnalysisRequest.verify(8000, "cust-a"), audio(A, "test1-mulaw.wav"));
        assertThat(fresh.liveness().result()).isEqualTo(LiveVoiceResult.LOW_CONF);
        assertThat(fresh.verification().score()).isGreaterThan(0.5);
    }
}
