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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorTest {

    @TempDir
    Path dir;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String V2 = "V2__pseudonymise_biokeys.java";

    /** The real index and SQL migrations; the code migration V2 replaced by one that leaves a marker. */
    private final SchemaMigrator migrator = new SchemaMigrator("db/migration", CLOCK,
            Map.of(V2, c -> Sql.update(c, "CREATE TABLE v2_marker (x INTEGER)")));

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
    void runsACodeMigrationInTheTransactionOfItsVersionRow() throws SQLException {
        try (Connection c = connect()) {
            SchemaMigrator failing = new SchemaMigrator("db/migration", CLOCK, Map.of(V2, x -> {
                Sql.update(x, "CREATE TABLE v2_marker (x INTEGER)");
                throw new SQLException("disk on fire");
            }));
            assertThatThrownBy(() -> failing.migrate(c)).isInstanceOf(SQLException.class).hasMessage("disk on fire");
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM schema_version")).isEqualTo(1); // V1 committed on its own
            assertThat(Sql.exists(c, "SELECT 1 FROM sqlite_master WHERE name = 'v2_marker'")).isFalse();

            assertThat(migrator.migrate(c)).isEqualTo(1);
            assertThat(Sql.exists(c, "SELECT 1 FROM sqlite_master WHERE name = 'v2_marker'")).isTrue();
        }
    }

    @Test
    void refusesAnIndexNamingACodeMigrationThatWasNotSupplied() {
        assertThatThrownBy(() -> new SchemaMigrator("db/migration", CLOCK).load())
                .isInstanceOf(StoreException.class)
                .hasMessage("db/migration/index.txt: code migration '" + V2 + "' was not supplied (expected: one of [])");
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
