package dev.voicegate.biometrics.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.store.config.StoreConfig;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's database and its HikariCP pools: an SQLite file (below), or a PostgreSQL server
 * ({@link #openPostgres}).
 *
 * <ul>
 *   <li><b>Writer pool, one connection, {@code BEGIN IMMEDIATE}</b>: SQLite allows one writer at a
 *       time; a single pooled writer makes writers queue in the pool (bounded by the callers'
 *       executor, timing out after {@value #CONNECTION_TIMEOUT_MS} ms) instead of failing with
 *       {@code SQLITE_BUSY}, and IMMEDIATE takes the write lock up front, so a transaction that reads
 *       before it writes (the opt-out and consent checks) can never hit {@code SQLITE_BUSY_SNAPSHOT}.</li>
 *   <li><b>Reader pool, {@code poolSize} connections, deferred</b>: WAL lets readers run on their own
 *       snapshot while the writer writes.</li>
 * </ul>
 *
 * <p>Pragmas on every connection: {@code journal_mode=WAL}; {@code synchronous=FULL} — WAL with
 * NORMAL is consistent after a crash but may lose the last commits on power loss, and a lost
 * opt-out or erasure that was already confirmed to the caller is a legal problem, while enrollment
 * writes are rare (one per call at most) so the extra fsync costs nothing that matters;
 * {@code foreign_keys=ON}; {@code secure_delete=ON} so deleted rows (erasure) are overwritten with
 * zeros instead of lingering in free pages; {@code busy_timeout} for other processes.
 */
public final class Database implements AutoCloseable {

    static final int CONNECTION_TIMEOUT_MS = 30_000;
    static final int BUSY_TIMEOUT_MS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Write transactions retried after a PostgreSQL serialization failure or deadlock before giving up. */
    static final int MAX_SERIALIZATION_RETRIES = 20;

    private final HikariDataSource writer;
    private final HikariDataSource readers;
    private final StoreMetrics metrics;
    private final boolean postgres;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Database(HikariDataSource writer, HikariDataSource readers, StoreMetrics metrics, boolean postgres) {
        this.writer = writer;
        this.readers = readers;
        this.metrics = metrics;
        this.postgres = postgres;
        if (postgres) {
            metrics.bindPool("shared", writer);
        } else {
            metrics.bindPool("writer", writer);
            metrics.bindPool("reader", readers);
        }
    }

    /**
     * Creates the data directory if needed, opens the pools and migrates the schema.
     *
     * @param java the code migrations named in {@code db/migration/index.txt}, by file name
     */
    public static Database open(StoreConfig config, Clock clock, StoreMetrics metrics,
                                Map<String, SchemaMigrator.JavaMigration> java) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new StoreException("biometrics.dataDir: " + config.dataDir() + " (expected: a writable directory;"
                    + " " + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        String url = "jdbc:sqlite:" + config.databaseFile().toAbsolutePath();
        HikariDataSource writer = pool("voicegate-store-writer", url, 1, SQLiteConfig.TransactionMode.IMMEDIATE);
        HikariDataSource readers = null;
        try {
            readers = pool("voicegate-store-reader", url, config.poolSize(), SQLiteConfig.TransactionMode.DEFERRED);
            Database db = new Database(writer, readers, metrics, false);
            db.write("migrate", c -> new SchemaMigrator("db/migration", clock, java).migrate(c));
            return db;
        } catch (RuntimeException e) {
            if (readers != null) {
                readers.close();
            }
            writer.close();
            throw e;
        }
    }

    /**
     * Opens a pool of {@code poolSize} connections to a PostgreSQL database and migrates its schema from
     * {@code db/migration-postgresql}, holding a session advisory lock so that instances starting
     * together migrate one after the other (the second finds the schema current).
     *
     * <p>Write transactions run {@code SERIALIZABLE} — the same guarantee the single SQLite writer
     * gives: an opt-out on one instance and an enrollment of the same person on another cannot both
     * commit — and are retried (up to {@value #MAX_SERIALIZATION_RETRIES} times) when PostgreSQL aborts
     * one for a serialization failure or a deadlock; reads run {@code REPEATABLE READ, READ ONLY} (one
     * snapshot). Durability is PostgreSQL's: a commit returns after its WAL is flushed
     * ({@code synchronous_commit=on}, set per connection so a server default cannot weaken it).
     */
    public static Database openPostgres(PostgresStoreConfig config, Clock clock, StoreMetrics metrics,
                                        Map<String, SchemaMigrator.JavaMigration> java) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("voicegate-store-postgresql");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        hikari.setConnectionInitSql("SET synchronous_commit = on");
        hikari.addDataSourceProperty("ApplicationName", "voicegate");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open voiceprint store " + config.redactedUrl() + " as user '"
                    + config.user() + "': " + rootMessage(e), e);
        }
        try {
            Database db = new Database(pool, pool, metrics, true);
            db.write0("migrate", c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
                }
                try {
                    return new SchemaMigrator("db/migration-postgresql", clock, java).migrate(c);
                } finally {
                    try (java.sql.Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                    }
                }
            });
            return db;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The advisory lock key the PostgreSQL migration holds (an arbitrary constant: "VGST"). */
    static final long MIGRATION_LOCK = 0x56475354L;

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static HikariDataSource pool(String name, String url, int size, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        sqlite.setTransactionMode(mode);
        sqlite.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(source);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open voiceprint store " + url + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one write transaction (committed on return, rolled back on any failure). */
    public <T> T write(String op, Work<T> work) {
        return inTransaction(writer, op, work, true);
    }

    /** Work without a result. */
    @FunctionalInterface
    public interface VoidWork {
        void run(Connection connection) throws SQLException;
    }

    /** Like {@link #write(String, Work)} for work without a result. */
    public void update(String op, VoidWork work) {
        write(op, c -> {
            work.run(c);
            return null;
        });
    }

    /** The PostgreSQL channel on which committed writes that change the engine's indexes are announced. */
    public static final String INDEX_CHANNEL = "voicegate_index";

    /** Whether this is the networked (PostgreSQL) database, shared by several processes. */
    public boolean shared() {
        return postgres;
    }

    /**
     * Inside a write transaction on {@code c}: announces {@code payload} on {@link #INDEX_CHANNEL} when the
     * transaction commits (PostgreSQL delivers a {@code NOTIFY} only on commit, and a retried transaction runs
     * this again, so a rolled-back attempt announces nothing); does nothing on SQLite (one process, no listener).
     * The payload must name records only by pseudonym or store id, never by a clear biokey.
     */
    public void announce(Connection c, String payload) throws SQLException {
        if (!postgres) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, INDEX_CHANNEL);
            ps.setString(2, payload);
            ps.execute();
        }
    }

    /** Runs {@code work} in one read transaction (one consistent snapshot; never commits). */
    public <T> T read(String op, Work<T> work) {
        return inTransaction(readers, op, work, false);
    }

    private <T> T inTransaction(HikariDataSource pool, String op, Work<T> work, boolean commit) {
        if (closed.get()) {
            throw new StoreException(op + ": the voiceprint store is closed");
        }
        Timer.Sample sample = metrics.start();
        boolean ok = false;
        try {
            T result = inTransaction0(pool, op, work, commit);
            ok = true;
            return result;
        } finally {
            metrics.stop(sample, op, ok);
        }
    }

    private <T> T inTransaction0(HikariDataSource pool, String op, Work<T> work, boolean commit) {
        if (!postgres) {
            return attempt(pool, op, work, commit);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(pool, op, work, commit);
            } catch (StoreException e) {
                if (!retryable(e) || attempt > MAX_SERIALIZATION_RETRIES) {
                    throw e;
                }
                log.debug("[store op={}] serialization conflict, retrying (attempt {})", op, attempt + 1);
            }
        }
    }

    /** PostgreSQL's serialization_failure (40001) and deadlock_detected (40P01): the transaction may be re-run. */
    private static boolean retryable(StoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private <T> T attempt(HikariDataSource pool, String op, Work<T> work, boolean commit) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            if (postgres) {
                c.setTransactionIsolation(commit ? Connection.TRANSACTION_SERIALIZABLE
                        : Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(!commit);
            }
            try {
                T result = work.run(c);
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, op, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(op + ": " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c, String op, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            log.warn("[store op={}] rollback failed after {}", op, cause.toString());
        }
    }

    /**
     * Copies the WAL into the database file and truncates the WAL, so content deleted by an erasure
     * no longer exists in older WAL frames. Best effort: readers in progress can keep frames alive;
     * returns whether the checkpoint completed.
     */
    public boolean checkpointTruncate() {
        if (postgres) {
            return true;
        }
        return write0("checkpoint", c -> Sql.queryOne(c, "PRAGMA wal_checkpoint(TRUNCATE)",
                rs -> rs.getInt(1) == 0).orElse(false));
    }

    /**
     * Rebuilds the database file ({@code VACUUM}, outside any transaction) and then truncates the
     * WAL, so no page of the file or its WAL still holds content that a migration replaced. Needs
     * free space of about the file's size; blocks writers while it runs.
     */
    public boolean vacuum() {
        write0("vacuum", c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("VACUUM");
            }
            return null;
        });
        return checkpointTruncate();
    }

    /**
     * What the store does after an erasure committed: on SQLite, {@link #checkpointTruncate}; on
     * PostgreSQL nothing (the deleted rows' old versions stay in the table's pages until (auto)vacuum
     * reclaims them; their templates and fingerprints are AES-GCM sealed and their biokeys are keyed
     * pseudonyms, and vacuuming on every erasure would block other writers). Returns whether it completed.
     */
    public boolean afterErasure() {
        return checkpointTruncate();
    }

    private <T> T write0(String op, Work<T> work) {
        if (closed.get()) {
            throw new StoreException(op + ": the voiceprint store is closed");
        }
        try (Connection c = writer.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(op + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            readers.close();
            writer.close();
        }
    }
}
