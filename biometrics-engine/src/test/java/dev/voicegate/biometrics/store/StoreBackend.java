package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.postgres.PostgresVoiceprintStore;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.testing.postgres.PostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a contract test's store lives: an SQLite file in a temporary directory, or a fresh database on
 * the throwaway PostgreSQL server ({@link PostgresServer#shared()}). Both are opened with the same
 * {@link StoreConfig} and inspected with raw JDBC, so every contract test proves the same guarantee
 * on both stores.
 */
interface StoreBackend {

    /** Opens (or reopens) the store at this backend's location with {@code config}'s keys. */
    VoiceprintStore open(StoreConfig config, Clock clock, MeterRegistry registry);

    /** A raw connection bypassing the store (to inspect or tamper). */
    Connection raw() throws SQLException;

    /** The store's tables (without the migration table). */
    default List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = raw(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(tableQuery())) {
            while (rs.next()) {
                if (!rs.getString(1).equals("schema_version")) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    String tableQuery();

    /** The {@code pool} tag of the store's writer connections. */
    String writerPool();

    static StoreBackend sqlite(Path dir) {
        return new StoreBackend() {
            @Override
            public VoiceprintStore open(StoreConfig config, Clock clock, MeterRegistry registry) {
                return SqliteVoiceprintStore.open(config, clock, registry);
            }

            @Override
            public Connection raw() throws SQLException {
                return StoreFixtures.raw(dir);
            }

            @Override
            public String tableQuery() {
                return "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            }

            @Override
            public String writerPool() {
                return "writer";
            }
        };
    }

    /** A fresh database on the shared throwaway server (skips the test when PostgreSQL is not installed). */
    static StoreBackend postgres(String name) {
        String url = PostgresServer.shared().createDatabase(name);
        return new StoreBackend() {
            @Override
            public VoiceprintStore open(StoreConfig config, Clock clock, MeterRegistry registry) {
                return PostgresVoiceprintStore.open(config, new PostgresStoreConfig(url, PostgresServer.USER, "", 4),
                        clock, registry);
            }

            @Override
            public Connection raw() throws SQLException {
                return DriverManager.getConnection(url, PostgresServer.USER, "");
            }

            @Override
            public String tableQuery() {
                return "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()";
            }

            @Override
            public String writerPool() {
                return "shared";
            }
        };
    }
}
