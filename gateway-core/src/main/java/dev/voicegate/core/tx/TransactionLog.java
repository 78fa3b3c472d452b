package dev.voicegate.core.tx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Transaction records (issue #5 §1): opaque ids, kind, state, result attributes and times — never
 * audio, voiceprints or the caller's identifiers — in one SQLite file under {@code biometrics.dataDir},
 * deleted after {@code retention.transactions} by {@link #purge()} (scheduled hourly by the gateway).
 * Writes run on one thread behind a bounded queue; when it is full, records are dropped and counted.
 */
public final class TransactionLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection db;
    private final Clock clock;
    private final Duration retention;
    private final ThreadPoolExecutor writer;
    private final Counter dropped;
    private final Counter purged;

    public TransactionLog(Path dataDir, Duration retention, Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.retention = retention;
        try {
            Files.createDirectories(dataDir);
            db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("transactions.db"));
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE IF NOT EXISTS tx (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL, agent_id TEXT,"
                        + " kind TEXT NOT NULL, state TEXT NOT NULL, net_speech REAL, started_at INTEGER NOT NULL,"
                        + " ended_at INTEGER, results TEXT)");
                s.execute("CREATE INDEX IF NOT EXISTS tx_ended ON tx(ended_at)");
                if (!hasColumn(s, "subject")) { // logs written before subjects were recorded
                    s.execute("ALTER TABLE tx ADD COLUMN subject TEXT");
                }
                s.execute("CREATE INDEX IF NOT EXISTS tx_subject ON tx(subject)");
                s.execute("PRAGMA secure_delete=ON");
            }
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException("cannot open the transaction log under " + dataDir + ": " + e.getMessage(), e);
        }
        writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                new DefaultThreadFactory("voicegate-txlog", true), new ThreadPoolExecutor.AbortPolicy());
        dropped = Counter.builder("voicegate.tx.log.dropped").description("records not written: queue full").register(registry);
        purged = Counter.builder("voicegate.tx.log.purged").description("records deleted by retention").register(registry);
    }

    /** Queues one record; never blocks. */
    public void record(TxDeps.TxContext ctx, TxDeps.TxOutcome o) {
        try {
            writer.execute(() -> insert(ctx, o));
        } catch (RejectedExecutionException e) {
            dropped.increment();
        }
    }

    private void insert(TxDeps.TxContext ctx, TxDeps.TxOutcome o) {
        try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO tx (id, conversation_id, agent_id, kind, state,"
                + " net_speech, started_at, ended_at, results, subject) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            p.setString(1, o.transactionId());
            p.setString(2, ctx.conversationId());
            p.setString(3, ctx.agentUserId());
            p.setString(4, o.kind());
            p.setString(5, o.state());
            p.setDouble(6, o.netSpeechSeconds());
            p.setLong(7, o.startedAt().toEpochMilli());
            p.setObject(8, o.endedAt() == null ? null : o.endedAt().toEpochMilli());
            p.setString(9, JSON.writeValueAsString(o.attributes()));
            p.setString(10, ctx.subject());
            p.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            log.warn("transaction log: cannot write {}: {}", o.transactionId(), e.getMessage());
        }
    }

    /** Deletes records that ended before now − retention; returns how many (runs on the writer thread). */
    public java.util.concurrent.CompletableFuture<Integer> purge() {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long cutoff = clock.instant().minus(retention).toEpochMilli();
            try (PreparedStatement p = db.prepareStatement("DELETE FROM tx WHERE ended_at IS NOT NULL AND ended_at < ?")) {
                p.setLong(1, cutoff);
                int n = p.executeUpdate();
                purged.increment(n);
                if (n > 0) {
                    log.info("transaction log: deleted {} record(s) older than {}", n, retention);
                }
                return n;
            } catch (SQLException e) {
                throw new IllegalStateException("transaction log purge failed: " + e.getMessage(), e);
            }
        }, writer);
    }

    /** One stored record, as an access request (GDPR Art. 15) shows it. */
    public record Entry(String transactionId, String conversationId, String agentUserId, String kind, String state,
                        double netSpeechSeconds, java.time.Instant startedAt, java.time.Instant endedAt,
                        java.util.Map<String, String> results) {
    }

    /** Records of the subject with this pseudonym ({@code VoiceprintStore#pseudonym}), oldest first, at most {@code limit}. */
    public java.util.concurrent.CompletableFuture<java.util.List<Entry>> forSubject(String subject, int limit) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (PreparedStatement p = db.prepareStatement("SELECT id, conversation_id, agent_id, kind, state, net_speech,"
                    + " started_at, ended_at, results FROM tx WHERE subject = ? ORDER BY started_at, id LIMIT ?")) {
                p.setString(1, subject);
                p.setInt(2, limit);
                java.util.List<Entry> out = new java.util.ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        long ended = r.getLong(8);
                        java.time.Instant endedAt = r.wasNull() ? null : java.time.Instant.ofEpochMilli(ended);
                        out.add(new Entry(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                                r.getDouble(6), java.time.Instant.ofEpochMilli(r.getLong(7)), endedAt,
                                JSON.readValue(r.getString(9), new com.fasterxml.jackson.core.type.TypeReference<
                                        java.util.Map<String, String>>() { })));
                    }
                }
                return out;
            } catch (SQLException | JsonProcessingException e) {
                throw new IllegalStateException("transaction log: cannot read a subject's records: " + e.getMessage(), e);
            }
        }, writer);
    }

    /**
     * Deletes the records of the subject with this pseudonym (an erasure request), then truncates the WAL so
     * no old page image keeps them; returns how many were deleted. Runs after every queued write.
     */
    public java.util.concurrent.CompletableFuture<Integer> eraseSubject(String subject) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM tx WHERE subject = ?")) {
                p.setString(1, subject);
                int n = p.executeUpdate();
                try (Statement s = db.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                return n;
            } catch (SQLException e) {
                throw new IllegalStateException("transaction log: cannot erase a subject's records: " + e.getMessage(), e);
            }
        }, writer);
    }

    private static boolean hasColumn(Statement s, String column) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA table_info(tx)")) {
            while (r.next()) {
                if (column.equalsIgnoreCase(r.getString("name"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Number of stored records (for tests and the admin view). */
    public java.util.concurrent.CompletableFuture<Long> count() {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM tx")) {
                return r.next() ? r.getLong(1) : 0L;
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, writer);
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
            db.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            log.warn("transaction log: close failed: {}", e.getMessage());
        }
    }
}
