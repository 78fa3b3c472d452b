package dev.voicegate.core;

import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.engine.DefaultVoiceprintEngine;
import dev.voicegate.biometrics.internal.model.GmmSupervectorExtractor;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.core.config.BiometricsSection;
import dev.voicegate.core.config.ConfigException;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The encrypted store and the voiceprint engine, built from {@code biometrics:}; closed in reverse. */
final class BiometricsComponents implements AutoCloseable {
    static final int INDEX_CAPACITY = 1_000_000;

    final VoiceprintStore store;
    final DefaultVoiceprintEngine engine;

    private BiometricsComponents(VoiceprintStore store, DefaultVoiceprintEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    static BiometricsComponents start(BiometricsSection b, Clock clock, MeterRegistry registry) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        b.encryptionKeys().forEach(k -> keys.put(k.id(), k.bytes()));
        VoiceprintStore store;
        try {
            store = SqliteVoiceprintStore.open(StoreConfig.of(Path.of(b.dataDir()), keys, b.activeKeyId()), clock, registry);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        try {
            EngineConfig d = EngineConfig.DEFAULTS;
            EngineConfig config = new EngineConfig(b.minEnrollSpeech(), b.minVerifySpeech(), d.noDataSpeech(), d.thresholds(),
                    d.searchThreshold(), d.maxManyCandidates(), d.blocklistThreshold(), d.speakerChangeThreshold(), b.workers(),
                    d.queueCapacity(), d.frontEnd());
            DefaultVoiceprintEngine engine = DefaultVoiceprintEngine.open(store, GmmSupervectorExtractor.loadDefault(), config, clock,
                    registry, INDEX_CAPACITY);
            return new BiometricsComponents(store, engine);
        } catch (RuntimeException e) {
            store.close();
            throw e instanceof IllegalArgumentException ? new ConfigException(e.getMessage(), e) : e;
        }
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
