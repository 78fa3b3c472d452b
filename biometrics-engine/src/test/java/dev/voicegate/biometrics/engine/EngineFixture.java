package dev.voicegate.biometrics.engine;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An engine over a real SQLite store in a temp dir, and the committed mini corpus. */
final class EngineFixture implements AutoCloseable {

    /** The default extractor (the telephone x-vector). */
    static final VoiceprintExtractor EXTRACTOR = DefaultVoiceprintEngine.defaultExtractor();
    /** The named alternative (GMM supervector), whose thresholds the synthetic corpus was made for. */
    static final VoiceprintExtractor GMM = DefaultVoiceprintEngine.gmmExtractor();
    static final String A = "e00-esp-m1";
    static final String B = "e03-esp-f1";
    static final String C = "e27-flite-awb";
    static final String D = "e29-flite-slt";

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    final VoiceprintStore store;
    final DefaultVoiceprintEngine engine;

    EngineFixture(Path dir) {
        this(dir, EngineConfig.DEFAULTS);
    }

    EngineFixture(Path dir, EngineConfig config) {
        this(dir, config, EXTRACTOR);
    }

    EngineFixture(Path dir, EngineConfig config, VoiceprintExtractor extractor) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        store = SqliteVoiceprintStore.open(new StoreConfig(dir, Map.of("k1", key), "k1", 5, 2), clock);
        engine = DefaultVoiceprintEngine.open(store, extractor, config, clock, new SimpleMeterRegistry(), 1000);
    }

    static short[] audio(String speaker, String file) {
        try {
            Path p = Path.of(EngineFixture.class.getResource("/corpus-mini/" + speaker + "/" + file).toURI());
            return WavReader.read(p).samples8k();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds audio in 20 ms chunks, as AudioHook delivers it. */
    static void feed(Analysis a, short[] pcm) {
        for (int at = 0; at < pcm.length; at += 160) {
            a.feed(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 160)), null);
        }
    }

    AnalysisResult analyse(AnalysisRequest request, short[] pcm) throws Exception {
        try (Analysis a = engine.newAnalysis(request)) {
            feed(a, pcm);
            return a.finish().get(30, TimeUnit.SECONDS);
        }
    }

    void consent(String biokey) {
        store.recordConsent(biokey, new ConsentRecord(clock.instant(), "ivr-dtmf", "agent-1"));
    }

    /** Consent + enrollment from the speaker's enrollment recording. */
    void enroll(String biokey, String speaker) throws Exception {
        consent(biokey);
        try (Analysis a = engine.newAnalysis(AnalysisRequest.passive(8000))) {
            feed(a, audio(speaker, "enroll-mulaw.wav"));
            engine.enroll(a, java.util.Set.of(biokey), "agent-1").get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
