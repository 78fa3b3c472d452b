package dev.voicegate.core;

import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.engine.DefaultVoiceprintEngine;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.postgres.PostgresVoiceprintStore;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.core.config.BiometricsSection;
import dev.voicegate.core.config.ConfigException;
import io.micrometer.core.instrument.MeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The encrypted store (SQLite or PostgreSQL, {@code biometrics.store}) and the voiceprint engine, built from {@code biometrics:}; closed in reverse. */
final class BiometricsComponents implements AutoCloseable {
    static final int INDEX_CAPACITY = 1_000_000;

    final VoiceprintStore store;
    final DefaultVoiceprintEngine engine;

    private BiometricsComponents(VoiceprintStore store, DefaultVoiceprintEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    /**
     * @param postgres the PostgreSQL store's connection ({@code biometrics.store: postgres}), or {@code null} for
     *                 the embedded SQLite store under {@code storeConfig.dataDir()}
     */
    static BiometricsComponents start(StoreConfig storeConfig, PostgresStoreConfig postgres, EngineConfig config,
                                      Clock clock, MeterRegistry registry) {
        VoiceprintStore store = postgres == null ? SqliteVoiceprintStore.open(storeConfig, clock, registry)
                : PostgresVoiceprintStore.open(storeConfig, postgres, clock, registry);
        try {
            // The gateway stays on the GMM v3 engine until the x-vector's speaker-change threshold is derived on
            // real speech and the demo speaks with real voices (docs/engine.md §4a, §10); the tools use the x-vector.
            DefaultVoiceprintEngine engine = DefaultVoiceprintEngine.open(store, DefaultVoiceprintEngine.gmmExtractor(), config, clock,
                    registry, INDEX_CAPACITY);
            return new BiometricsComponents(store, engine);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
