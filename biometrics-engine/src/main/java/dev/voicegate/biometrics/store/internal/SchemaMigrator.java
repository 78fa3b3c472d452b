package dev.voicegate.biometrics.store.internal;

import dev.voicegate.biometrics.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small versioned-migration runner: applies {@code db/migration/V<n>__<description>.sql} from the
 * classpath, in order, each in its own transaction together with its {@code schema_version} row.
 * The files are listed in {@code db/migration/index.txt} (a classpath directory cannot be listed
 * portably inside a jar). Applied migrations are checked by SHA-256: an edited migration, a gap in
 * the versions, or a database newer than this build refuses to start.
 *
 * <p>A migration that needs code (re-hashing or re-sealing rows) is listed as
 * {@code V<n>__<description>.java} and supplied to the constructor by that file name; it runs on the
 * same connection inside the same transaction as its version row, so a crash leaves the store at the
 * previous version. Its checksum is that of its name (code cannot be hashed portably), so renaming
 * it is detected, editing it is not: never change what an applied Java migration does.
 *
 * <p>Why not Flyway: since Flyway 10 SQLite support lives in a separate community module
 * ({@code flyway-database-nc-sqlite}) on top of flyway-core and its TOML/Jackson dependencies, for
 * what is here one file, one table and ~150 lines; and SQLite DDL is transactional, so a migration
 * and its version row commit together without Flyway's lock-table machinery.
 */
public final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.(sql|java)");
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");

    private final String location;
    private final Clock clock;
    private final Map<String, JavaMigration> java;

    /** @param location classpath folder holding {@code index.txt}, e.g. {@code db/migration} */
    public SchemaMigrator(String location, Clock clock) {
        this(location, clock, Map.of());
    }

    /**
     * @param java the code migrations the index names ({@code V<n>__<description>.java}), by file name
     */
    public SchemaMigrator(String location, Clock clock, Map<String, JavaMigration> java) {
        this.location = location;
        this.clock = clock;
        this.java = Map.copyOf(java);
    }

    /** A migration done in code, on the migrator's connection and transaction. */
    @FunctionalInterface
    public interface JavaMigration {
        void migrate(Connection connection) throws SQLException;
    }

    /** A migration: SQL text, or (when {@code sql} is null) the code migration {@code code}. */
    public record Migration(int version, String description, String sql, String checksum, JavaMigration code) {
    }

    /** Loads the migrations listed in the index, checking names and contiguous versions. */
    public List<Migration> load() {
        List<Migration> migrations = new ArrayList<>();
        for (String line : resource("index.txt").split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new StoreException(location + "/index.txt: '" + name
                        + "' (expected: V<n>__<description>.sql)");
            }
            int version = Integer.parseInt(m.group(1));
            if (version != migrations.size() + 1) {
                throw new StoreException(location + "/" + name + ": version " + version
                        + " (expected: " + (migrations.size() + 1) + ", versions are contiguous)");
            }
            if (m.group(3).equals("java")) {
                JavaMigration code = java.get(name);
                if (code == null) {
                    throw new StoreException(location + "/index.txt: code migration '" + name
                            + "' was not supplied (expected: one of " + java.keySet() + ")");
                }
                migrations.add(new Migration(version, m.group(2), null, sha256("java:" + name), code));
            } else {
                String sql = resource(name);
                migrations.add(new Migration(version, m.group(2), sql, sha256(sql), null));
            }
        }
        return migrations;
    }

    /** Brings the schema up to date. Returns the number of migrations applied. */
    public int migrate(Connection connection) throws SQLException {
        List<Migration> migrations = load();
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " description TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        }
        int applied = 0;
        for (Migration migration : migrations) {
            if (applyIfNew(connection, migration, migrations.size())) {
                applied++;
            }
        }
        return applied;
    }

    private boolean applyIfNew(Connection c, Migration migration, int known) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            List<String[]> rows = appliedVersions(c);
            if (rows.size() > known) {
                throw new StoreException("database schema version " + rows.size()
                        + " is newer than this build knows (" + known + "): refusing to open");
            }
            if (migration.version() <= rows.size()) {
                verify(migration, rows.get(migration.version() - 1));
                c.rollback();
                return false;
            }
            if (migration.sql() == null) {
                migration.code().migrate(c);
            } else {
                try (Statement s = c.createStatement()) {
                    for (String statement : statements(migration.sql())) {
                        s.execute(statement);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, migration.version());
                ps.setString(2, migration.description());
                ps.setString(3, migration.checksum());
                ps.setLong(4, Times.toNanos(clock.instant()));
                ps.executeUpdate();
            }
            c.commit();
            log.info("[store] applied schema migration V{} ({})", migration.version(), migration.description());
            return true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static List<String[]> appliedVersions(Connection c) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                if (rs.getInt(1) != rows.size() + 1) {
                    throw new StoreException("schema_version: version " + rs.getInt(1) + " (expected: "
                            + (rows.size() + 1) + "; the version table has a gap)");
                }
                rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return rows;
    }

    private void verify(Migration migration, String[] row) {
        if (!row[1].equals(migration.checksum())) {
            throw new StoreException(location + " V" + migration.version() + ": checksum " + migration.checksum()
                    + " (expected: " + row[1] + " as applied; applied migrations must never be edited)");
        }
    }

    /** Splits a script at semicolons that end a line; drops {@code --} comment lines. */
    static List<String> statements(String sql) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : sql.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : STATEMENT_END.split(withoutComments)) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private String resource(String name) {
        String path = location + "/" + name;
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new StoreException("schema migration resource missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read schema migration " + path + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
