package dev.voicegate.biometrics.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorTest {

    @TempDir
    Path dir;

    private final SchemaMigrator migrator =
            new SchemaMigrator("db/migration", Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("m.db"));
    }

    @Test
    void appliesEveryMigrationOnceAndRecordsItsVersion() throws SQLException {
        try (Connection c = connect()) {
            int known = migrator.load().size();
            assertThat(migrator.migrate(c)).isEqualTo(known).isGreaterThanOrEqualTo(1);
            assertThat(migrator.migrate(c)).isZero();
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM schema_version")).isEqualTo(known);
            assertThat(Sql.exists(c, "SELECT 1 FROM sqlite_master WHERE name = 'voiceprint'")).isTrue();
        }
    }

    @Test
    void refusesAnAppliedMigrationWhoseFileChanged() throws SQLException {
        try (Connection c = connect()) {
            migrator.migrate(c);
            Sql.update(c, "UPDATE schema_version SET checksum = 'abc' WHERE version = 1");
            assertThatThrownBy(() -> migrator.migrate(c)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("db/migration V1: checksum")
                    .hasMessageContaining("(expected: abc as applied; applied migrations must never be edited)");
        }
    }

    @Test
    void refusesADatabaseNewerThanThisBuild() throws SQLException {
        try (Connection c = connect()) {
            migrator.migrate(c);
            int next = migrator.load().size() + 1;
            Sql.update(c, "INSERT INTO schema_version VALUES (?, 'future', 'x', 0)", next);
            assertThatThrownBy(() -> migrator.migrate(c)).isInstanceOf(StoreException.class)
                    .hasMessage("database schema version " + next + " is newer than this build knows ("
                            + (next - 1) + "): refusing to open");
        }
    }

    @Test
    void rollsBackAFailedMigrationAsAWhole() throws SQLException {
        try (Connection c = connect()) {
            Sql.update(c, "CREATE TABLE audit_event (x INTEGER)");
            assertThatThrownBy(() -> migrator.migrate(c)).isInstanceOf(SQLException.class);
            assertThat(Sql.exists(c, "SELECT 1 FROM sqlite_master WHERE name = 'voiceprint'")).isFalse();
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM schema_version")).isZero();
        }
    }

    @Test
    void reportsAMissingMigrationLocation() {
        assertThatThrownBy(() -> new SchemaMigrator("db/nowhere", Clock.systemUTC()).load())
                .isInstanceOf(StoreException.class)
                .hasMessage("schema migration resource missing from the classpath: db/nowhere/index.txt");
    }

    @Test
    void splitsStatementsAtLineEndingSemicolonsAndDropsCommentLines() {
        assertThat(SchemaMigrator.statements("-- c;\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nCREATE INDEX i ON a (x);"))
                .containsExactly("CREATE TABLE a (x TEXT DEFAULT ';')", "CREATE INDEX i ON a (x)");
    }

    @Test
    void loadsContiguousVersionsStartingAtOne() {
        List<SchemaMigrator.Migration> migrations = migrator.load();
        for (int i = 0; i < migrations.size(); i++) {
            assertThat(migrations.get(i).version()).isEqualTo(i + 1);
            assertThat(migrations.get(i).checksum()).hasSize(64);
        }
    }
}
