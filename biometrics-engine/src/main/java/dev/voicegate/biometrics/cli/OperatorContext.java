package dev.voicegate.biometrics.cli;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.engine.DefaultVoiceprintEngine;
import dev.voicegate.biometrics.frontend.AudioClip;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The embedded store and an engine over it for the operator commands, from
 * {@code --data-dir DIR --key-file FILE [--key-id ID]} (the key file holds the base64 AES-256 key).
 */
final class OperatorContext implements AutoCloseable {

    static final String[] OPTIONS = {"--data-dir", "--key-file", "--key-id", "--channel", "--model"};
    static final String COMMON_USAGE = "--data-dir DIR --key-file FILE [--key-id ID] [--channel left|right] [--model xvec|gmmsv|FILE]";
    private static final int INDEX_CAPACITY = 1_000_000;

    final SqliteVoiceprintStore store;
    final DefaultVoiceprintEngine engine;
    private final int channel;

    private OperatorContext(SqliteVoiceprintStore store, DefaultVoiceprintEngine engine, int channel) {
        this.store = store;
        this.engine = engine;
        this.channel = channel;
    }

    static OperatorContext open(Args a) throws IOException {
        if (a.get("--data-dir") == null || a.get("--key-file") == null) {
            throw new IllegalArgumentException("--data-dir and --key-file are required");
        }
        String keyId = a.getOr("--key-id", "k1");
        byte[] key = StoreConfig.decodeKey(keyId, Files.readString(Path.of(a.get("--key-file"))));
        SqliteVoiceprintStore store = SqliteVoiceprintStore.open(
                StoreConfig.of(Path.of(a.get("--data-dir")), Map.of(keyId, key), keyId), Clock.systemUTC());
        try {
            DefaultVoiceprintEngine engine = DefaultVoiceprintEngine.open(store, Models.extractor(a.get("--model")),
                    EngineConfig.DEFAULTS, Clock.systemUTC(), new SimpleMeterRegistry(), INDEX_CAPACITY);
            return new OperatorContext(store, engine, a.channel());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Runs a WAV file through a new analysis (not finished). */
    Analysis analyse(String wav, AnalysisRequest.Kind kind, String biokey) {
        AudioClip clip = WavReader.read(Path.of(wav), channel);
        AnalysisRequest req = switch (kind) {
            case VERIFY -> AnalysisRequest.verify(clip.sampleRate(), biokey);
            case IDENTIFY -> AnalysisRequest.identify(clip.sampleRate());
            case PASSIVE -> AnalysisRequest.passive(clip.sampleRate());
        };
        Analysis an = engine.newAnalysis(req);
        try {
            DefaultVoiceprintEngine.feedRecording(an, clip.samples());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            an.close();
            throw new IllegalStateException("interrupted while analysing " + wav, e);
        }
        return an;
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
