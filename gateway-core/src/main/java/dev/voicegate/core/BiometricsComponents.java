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
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.xvector.XvectorExtractor;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encrypted store (SQLite or PostgreSQL, {@code biometrics.store}) and the voiceprint engine, built from
 * {@code biometrics:}; closed in reverse. The gateway runs the x-vector engine ({@code vg-xvec}, docs/engine.md §4a, §10).
 */
final class BiometricsComponents implements AutoCloseable {
    static final int INDEX_CAPACITY = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(BiometricsComponents.class);

    final VoiceprintStore store;
    final DefaultVoiceprintEngine engine;

    private BiometricsComponents(VoiceprintStore store, DefaultVoiceprintEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    /**
     * Opens the store and the x-vector engine (with the back end of {@code biometrics.model}, or the shipped one).
     *
     * @param postgres the PostgreSQL store's connection ({@code biometrics.store: postgres}), or {@code null} for
     *                 the embedded SQLite store under {@code storeConfig.dataDir()}
     * @param model    the back-end file, or {@code null} for the shipped back end
     * @throws ConfigException when the store holds x-vector templates of another version than the configured back end
     *                         makes (they could never be compared; nothing is changed)
     */
    static BiometricsComponents start(StoreConfig storeConfig, PostgresStoreConfig postgres, EngineConfig config,
                                      Path model, Clock clock, MeterRegistry registry) {
        VoiceprintExtractor extractor = model == null ? DefaultVoiceprintEngine.defaultExtractor()
                : XvectorExtractor.withBackend(model);
        VoiceprintStore store = postgres == null ? SqliteVoiceprintStore.open(storeConfig, clock, registry)
                : PostgresVoiceprintStore.open(storeConfig, postgres, clock, registry);
        try {
            DefaultVoiceprintEngine engine = DefaultVoiceprintEngine.open(store, extractor, config, clock, registry,
                    INDEX_CAPACITY);
            try {
                requireMatchingTemplates(engine.refusedTemplates(), extractor, model);
            } catch (ConfigException e) {
                engine.close();
                throw e;
            }
            return new BiometricsComponents(store, engine);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Refuses a store holding x-vector templates of another version than {@code extractor}: those are templates of
     * another back end (a retrained one, or the shipped one after {@code biometrics.model} changed), which this engine
     * would refuse one by one ("re-enroll"). Templates of the older GMM engine ({@code vg-gmmsv}) are the documented
     * upgrade (README "Upgrading"): logged, refused per call with "re-enroll".
     */
    static void requireMatchingTemplates(Map<String, Integer> refused, VoiceprintExtractor extractor, Path model) {
        Map<String, Integer> otherBackEnd = new LinkedHashMap<>();
        refused.forEach((engine, n) -> {
            if (engine.startsWith(extractor.engineId() + " v")) {
                otherBackEnd.put(engine, n);
            }
        });
        if (!otherBackEnd.isEmpty()) {
            throw new ConfigException("biometrics.model: " + (model == null ? "(empty: the shipped back end)" : model.toString())
                    + " makes " + extractor.engineId() + " v" + extractor.engineVersion() + " templates, but the store holds "
                    + otherBackEnd.entrySet().stream().map(e -> e.getValue() + " of " + e.getKey())
                    .collect(java.util.stream.Collectors.joining(", "))
                    + " (expected: the back end that made them; set biometrics.model back to it, or erase those voiceprints"
                    + " and re-enroll: templates are only comparable under the back end that made them)");
        }
        refused.forEach((engine, n) -> LOG.warn("[biometrics] {} stored templates of {} are refused with \"re-enroll\""
                + " (this gateway runs {} v{})", n, engine, extractor.engineId(), extractor.engineVersion()));
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
