package dev.voicegate.biometrics.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.config.StoreConfig;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite file and its two small HikariCP pools.
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

    private final HikariDataSource writer;
    private final HikariDataSource readers;
    private final StoreMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Database(HikariDataSource writer, HikariDataSource readers, StoreMetrics metrics) {
        this.writer = writer;
        this.readers = readers;
        this.metrics = metrics;
        metrics.bindPool("writer", writer);
        metrics.bindPool("reader", readers);
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
            Database db = new Database(writer, readers, metrics);
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
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
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
