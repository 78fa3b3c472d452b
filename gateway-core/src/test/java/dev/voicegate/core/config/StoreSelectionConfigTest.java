package dev.voicegate.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code biometrics.store} and the PostgreSQL keys: defaults, each bad value named, the password masked. */
class StoreSelectionConfigTest {

    private static final String BASE = """
            audiohook:
              apiKeys: [{key: "k1", secret: ""}]
            gating: {mode: open}
            biometrics:
              encryptionKeys: [{id: k1, key: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}]
            """;

    @TempDir
    Path dir;

    private ConfigLoader.Loaded load(String extra, Map<String, String> env) throws IOException {
        Path f = dir.resolve("voicegate.yaml");
        Files.writeString(f, BASE + extra);
        return new ConfigLoader(env).load(f);
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
    void namesEachBadValue() {
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
