package dev.voicegate.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.config.Thresholds;
import dev.voicegate.biometrics.xvector.backend.BackendScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code biometrics.thresholds.*}, {@code biometrics.model}, {@code biometrics.store} and the PostgreSQL keys: defaults,
 * values reaching the engine and the store, every bad value named, the password masked.
 */
class BiometricsConfigTest {

    private static final String BASE = """
            audiohook:
              apiKeys: [{key: "k1", secret: ""}]
            gating: {mode: open}
            biometrics:
              encryptionKeys: [{id: k1, key: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}]
            """;

    @TempDir
    Path dir;

    private ComponentConfigs load(String biometricsLines) throws IOException {
        return ComponentConfigs.of(load(biometricsLines, Map.of()).config());
    }

    private ConfigLoader.Loaded load(String biometricsLines, Map<String, String> env) throws IOException {
        Path f = dir.resolve("voicegate.yaml");
        Files.writeString(f, BASE + biometricsLines);
        return new ConfigLoader(env).load(f);
    }

    @Test
    void defaultsAreTheXvectorEnginesAndTheShippedBackEnd() throws IOException {
        ComponentConfigs c = load("");
        EngineConfig e = c.engine();
        assertThat(e.thresholds()).isEqualTo(EngineConfig.DEFAULTS.thresholds());
        assertThat(e.searchThreshold()).isEqualTo(EngineConfig.DEFAULTS.searchThreshold());
        assertThat(e.blocklistThreshold()).isEqualTo(EngineConfig.DEFAULTS.blocklistThreshold());
        assertThat(e.speakerChangeThreshold()).isEqualTo(EngineConfig.DEFAULTS.speakerChangeThreshold());
        assertThat(c.model()).isNull();
    }

    @Test
    void configuredThresholdsReachTheEngine() throws IOException {
        EngineConfig e = load("""
                  thresholds:
                    falseMedium: 0.01
                    falseLow: 0.1
                    trueLow: 0.5
                    trueMedium: 0.9
                    trueHigh: 0.99
                    search: 0.98
                    blocklist: 0.7
                    speakerChange: 0.03
                """).engine();
        assertThat(e.thresholds()).isEqualTo(new Thresholds(0.01, 0.1, 0.5, 0.9, 0.99));
        assertThat(e.searchThreshold()).isEqualTo(0.98);
        assertThat(e.blocklistThreshold()).isEqualTo(0.7);
        assertThat(e.speakerChangeThreshold()).isEqualTo(0.03);
    }

    @Test
    void anEnvironmentVariableSetsOneThreshold() throws IOException {
        Path f = dir.resolve("voicegate.yaml");
        Files.writeString(f, BASE);
        VoiceGateConfig c = new ConfigLoader(Map.of("VOICEGATE_BIOMETRICS_THRESHOLDS_TRUE_MEDIUM", "0.9")).load(f).config();
        assertThat(ComponentConfigs.of(c).engine().thresholds().trueMedium()).isEqualTo(0.9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"falseMedium", "falseLow", "trueLow", "trueMedium", "trueHigh", "search", "blocklist", "speakerChange"})
    void aThresholdOutsideTheOpenUnitIntervalIsRefusedNamingIt(String key) {
        for (String bad : new String[] {"0", "1", "-0.2", "1.5"}) {
            assertThatThrownBy(() -> load("  thresholds: {" + key + ": " + bad + "}\n"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("biometrics.thresholds." + key + ": " + Double.parseDouble(bad))
                    .hasMessageContaining("(expected: a BioScore: 0 < x < 1)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"falseMedium", "trueHigh", "speakerChange"})
    void aThresholdThatIsNoNumberIsRefusedNamingIt(String key) {
        assertThatThrownBy(() -> load("  thresholds: {" + key + ": high}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("biometrics.thresholds." + key + ": \"high\" (expected: a number)");
    }

    @Test
    void levelsOutOfOrderAreRefusedNamingTheFirstOneThatDoesNotAscend() {
        assertThatThrownBy(() -> load("  thresholds: {trueLow: 0.9, trueMedium: 0.8}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("biometrics.thresholds.trueMedium: 0.8 (expected: > biometrics.thresholds.trueLow 0.9;");
        // a default can be the one out of order: trueLow above the default trueMedium (0.8845)
        assertThatThrownBy(() -> load("  thresholds: {trueLow: 0.95}\n"))
                .hasMessageContaining("biometrics.thresholds.trueMedium: " + EngineConfig.DEFAULTS.thresholds().trueMedium()
                        + " (expected: > biometrics.thresholds.trueLow 0.95;");
    }

    @Test
    void anUnknownThresholdKeyIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> load("  thresholds: {verify: 0.5}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("biometrics.thresholds.verify: unknown key (expected one of: blocklist, falseLow, "
                        + "falseMedium, search, speakerChange, trueHigh, trueLow, trueMedium)");
    }

    @Test
    void aModelThatDoesNotExistIsRefusedNamingKeyAndPath() {
        Path missing = dir.resolve("no-such-backend.vgxb");
        assertThatThrownBy(() -> load("  model: " + missing + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("biometrics.model: " + missing + " (expected: a back-end file (backend.vgxb from "
                        + "biometrics-engine/corpus/real/train-backend.sh) that exists; empty = the shipped back end)");
    }

    @Test
    void aModelThatIsNoBackEndIsRefusedNamingTheFileAndTheProblem() throws IOException {
        Path junk = Files.write(dir.resolve("junk.vgxb"), "not a back end at all".getBytes());
        assertThatThrownBy(() -> load("  model: " + junk + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("biometrics.model: " + junk + ": not an x-vector back-end file (magic");
        byte[] shipped = BackendScorer.shippedBytes();
        Path truncated = Files.write(dir.resolve("truncated.vgxb"), Arrays.copyOf(shipped, shipped.length / 2));
        assertThatThrownBy(() -> load("  model: " + truncated + "\n"))
                .hasMessageContaining("biometrics.model: " + truncated + ": truncated (" + shipped.length / 2 + " bytes)");
        byte[] flipped = shipped.clone();
        flipped[1000] ^= 0x40;
        Path corrupt = Files.write(dir.resolve("corrupt.vgxb"), flipped);
        assertThatThrownBy(() -> load("  model: " + corrupt + "\n"))
                .hasMessageContaining("biometrics.model: " + corrupt + ": checksum mismatch (file is corrupt)");
    }

    @Test
    void aModelIsCheckedEvenWhenBiometricsAreOff() throws IOException {
        Path f = dir.resolve("off.yaml");
        Files.writeString(f, "audiohook:\n  apiKeys: [{key: \"k1\", secret: \"\"}]\ngating: {mode: open}\nbiometrics: {model: /nonexistent/b.vgxb}\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(f)).hasMessageContaining("biometrics.model: /nonexistent/b.vgxb");
    }

    @Test
    void aReadableBackEndIsAccepted() throws IOException {
        Path copy = Files.write(dir.resolve("backend.vgxb"), BackendScorer.shippedBytes());
        assertThat(load("  model: " + copy + "\n").model()).isEqualTo(copy);
    }

    @Test
    void defaultsToTheEmbeddedStore() throws IOException {
        BiometricsSection b = load("", Map.of()).config().biometrics();
        assertThat(b.store()).isEqualTo("sqlite");
        assertThat(b.toPostgresConfig()).isNull();
        assertThat(b.postgresPoolSize()).isEqualTo(8);
        assertThat(b.postgresUser()).isEqualTo("voicegate");
        assertThat(ComponentConfigs.of(load("", Map.of()).config()).postgres()).isNull();
    }

    @Test
    void buildsThePostgresConnectionWithThePasswordByReferenceAndMasked() throws IOException {
        ConfigLoader.Loaded l = load("""
                  store: postgres
                  postgresUrl: "jdbc:postgresql://db.internal:5432/voicegate"
                  postgresPassword: "${env:PG_PASSWORD}"
                  postgresPoolSize: 4
                """, Map.of("PG_PASSWORD", "hunter2-pg"));
        var pg = ComponentConfigs.of(l.config()).postgres();
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/voicegate");
        assertThat(pg.password()).isEqualTo("hunter2-pg");
        assertThat(pg.poolSize()).isEqualTo(4);
        assertThat(l.maskedYaml()).doesNotContain("hunter2-pg");
        assertThat(pg.toString()).doesNotContain("hunter2-pg");
        assertThat(l.config().biometrics().toString()).doesNotContain("hunter2-pg");
    }

    @Test
    void theStoreKeysNameEachBadValue() {
        assertThatThrownBy(() -> load("  store: mysql\n", Map.of()))
                .hasMessageContaining("biometrics.store: 'mysql' (expected: sqlite (embedded, the default) or postgres");
        assertThatThrownBy(() -> load("  store: postgres\n", Map.of()))
                .hasMessageContaining("biometrics.postgresUrl: empty (expected: a JDBC URL");
        assertThatThrownBy(() -> load("  store: postgres\n  postgresUrl: \"jdbc:mysql://h/db\"\n", Map.of()))
                .hasMessageContaining("biometrics.postgresUrl: 'jdbc:mysql://h/db' (expected: jdbc:postgresql://");
        assertThatThrownBy(() -> load("  store: postgres\n  postgresUrl: \"jdbc:postgresql://h/db?password=s3cret\"\n"
                + "  postgresUser: \"bad user\"\n", Map.of()))
                .hasMessageContaining("biometrics.postgresUser: 'bad user' (expected: 1..63 characters");
        assertThatThrownBy(() -> load("  store: postgres\n  postgresUrl: \"jdbc:postgresql://h/db?password=s3cret x\"\n",
                Map.of())).hasMessageContaining("biometrics.postgresUrl").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> load("  store: postgres\n  postgresUrl: \"jdbc:postgresql://h/db\"\n"
                + "  postgresPoolSize: 0\n", Map.of()))
                .hasMessageContaining("biometrics.postgresPoolSize: 0 (expected: 1..64)");
        assertThatThrownBy(() -> load("  store: postgres\n  postgresUrl: \"jdbc:postgresql://h/db\"\n"
                + "  postgresPoolSize: 65\n", Map.of()))
                .hasMessageContaining("biometrics.postgresPoolSize: 65 (expected: 1..64)");
    }
}
