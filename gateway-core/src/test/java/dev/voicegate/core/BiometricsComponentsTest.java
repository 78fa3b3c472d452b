package dev.voicegate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.api.Voiceprint;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.StoredVoiceprint;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.xvector.XvectorExtractor;
import dev.voicegate.biometrics.xvector.backend.BackendFile;
import dev.voicegate.biometrics.xvector.backend.BackendScorer;
import dev.voicegate.biometrics.xvector.backend.ScoreCalibration;
import dev.voicegate.core.config.ConfigException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's engine: the x-vector, with the shipped or a configured back end, refused over another back end's templates. */
class BiometricsComponentsTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    private StoreConfig store() {
        return StoreConfig.of(dir.resolve("data"), Map.of("k1", new byte[32]), "k1");
    }

    /** A back end other than the shipped one: the shipped file with another calibration (as a retraining would give). */
    private Path retrained() throws Exception {
        BackendScorer shipped = BackendScorer.loadDefault();
        byte[] other = BackendFile.write(shipped.backend().withCalibration(new ScoreCalibration(9.0, -1.0, 0.5)));
        return Files.write(dir.resolve("retrained.vgxb"), other);
    }

    private void enrollOne(BiometricsComponents c, VoiceprintExtractor x) {
        float[] unit = new float[x.dimension()];
        unit[0] = 1;
        Voiceprint v = Voiceprint.of(x, unit, 25.0);
        c.store.recordConsent("customer:C-1", new ConsentRecord(clock.instant(), "test", "tester"));
        c.store.put(new StoredVoiceprint("customer:C-1", v.engineId(), v.engineVersion(), v.toBytes(), 25.0, 1, clock.instant()),
                "tester");
    }

    @Test
    void runsTheXvectorWithTheShippedBackEndByDefault() {
        try (BiometricsComponents c = BiometricsComponents.start(store(), null, EngineConfig.DEFAULTS, null, clock, new SimpleMeterRegistry())) {
            assertThat(c.engine.voiceprintExtractor()).isSameAs(XvectorExtractor.loadDefault());
            assertThat(c.engine.voiceprintExtractor().engineId()).isEqualTo("vg-xvec");
        }
    }

    @Test
    void aRetrainedBackEndIsRefusedOverTemplatesOfTheShippedOneAndTheShippedOneStillStarts() throws Exception {
        try (BiometricsComponents c = BiometricsComponents.start(store(), null, EngineConfig.DEFAULTS, null, clock, new SimpleMeterRegistry())) {
            enrollOne(c, c.engine.voiceprintExtractor());
        }
        Path retrained = retrained();
        int version = XvectorExtractor.withBackend(retrained).engineVersion();
        assertThatThrownBy(() -> BiometricsComponents.start(store(), null, EngineConfig.DEFAULTS, retrained, clock, new SimpleMeterRegistry()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("biometrics.model: " + retrained + " makes vg-xvec v" + version
                        + " templates, but the store holds 1 of vg-xvec v2 (expected: the back end that made them;");
        // nothing was changed: the shipped back end opens the same store and indexes its voiceprint
        try (BiometricsComponents c = BiometricsComponents.start(store(), null, EngineConfig.DEFAULTS, null, clock, new SimpleMeterRegistry())) {
            assertThat(c.engine.refusedTemplates()).isEmpty();
            assertThat(c.store.get("customer:C-1")).isPresent();
        }
    }

    @Test
    void theShippedBackEndIsRefusedOverTemplatesOfARetrainedOne() throws Exception {
        Path retrained = retrained();
        try (BiometricsComponents c = BiometricsComponents.start(store(), null, EngineConfig.DEFAULTS, retrained, clock, new SimpleMeterRegistry())) {
            assertThat(c.engine.voiceprintExtractor().engineVersion()).isGreaterThan(2);
            enrollOne(c, c.engine.voiceprintExtractor());
        }
        assertThatThrownBy(() -> BiometricsComponents.start(store(), null, EngineConfig.DEFAULTS, null, clock, new SimpleMeterRegistry()))
                .hasMessageStartingWith("biometrics.model: (empty: the shipped back end) makes vg-xvec v2 templates, but the store holds 1 of vg-xvec v");
    }

    @Test
    void templatesOfTheOlderGmmEngineAreTheDocumentedUpgradeNotARefusal() {
        VoiceprintExtractor x = XvectorExtractor.loadDefault();
        BiometricsComponents.requireMatchingTemplates(Map.of("vg-gmmsv v3", 4), x, null); // logged only
        assertThatThrownBy(() -> BiometricsComponents.requireMatchingTemplates(Map.of("vg-gmmsv v3", 4, "vg-xvec v1", 2), x, null))
                .hasMessageContaining("the store holds 2 of vg-xvec v1 (expected:");
    }
}
