package dev.voicegate.biometrics.store;

import static dev.voicegate.biometrics.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.testing.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreOpenFailuresTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);

    @Test
    void namesTheDataDirWhenItIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> StoreFixtures.open(file, clock)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("biometrics.dataDir: " + file + " (expected: a writable directory;");
    }

    @Test
    void namesTheFileWhenItIsNotADatabase() throws Exception {
        Files.write(dir.resolve(StoreConfig.FILE_NAME), StoreFixtures.template(1, 8192));
        assertThatThrownBy(() -> StoreFixtures.open(dir, clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.resolve(StoreConfig.FILE_NAME).toAbsolutePath().toString())
                .hasMessageContaining("SQLITE_NOTADB");
    }

    @Test
    void refusesAFileMigratedByANewerBuild() throws Exception {
        StoreFixtures.open(dir, clock).close();
        try (Connection c = StoreFixtures.raw(dir)) {
            c.createStatement().executeUpdate("INSERT INTO schema_version SELECT MAX(version) + 1, 'future', 'x', 0"
                    + " FROM schema_version");
        }
        assertThatThrownBy(() -> StoreFixtures.open(dir, clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining("is newer than this build knows");
    }

    @Test
    void opensAFileMigratedBeforeWithoutReapplyingMigrations() throws Exception {
        try (SqliteVoiceprintStore store = StoreFixtures.open(dir, clock)) {
            StoreFixtures.enroll(store, "cust-1", 1, T0);
        }
        try (SqliteVoiceprintStore store = StoreFixtures.open(dir, clock)) {
            assertThat(store.countVoiceprints()).isEqualTo(1);
        }
    }

    @Test
    void rejectsInstantsOutsideTheStorableRange() {
        try (SqliteVoiceprintStore store = StoreFixtures.open(dir, clock)) {
            assertThatThrownBy(() -> store.optOut("cust-1", Instant.MAX, "agent-7"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("at: +1000000000-12-31T23:59:59.999999999Z (expected: ");
            assertThat(store.isOptedOut("cust-1")).isFalse();
        }
    }
}
