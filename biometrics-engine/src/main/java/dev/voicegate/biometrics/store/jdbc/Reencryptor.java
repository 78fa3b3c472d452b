package dev.voicegate.biometrics.store.jdbc;

import dev.voicegate.biometrics.store.ReencryptionReport;
import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.internal.Database;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves every sealed record to a new key, {@value #BATCH} rows per write transaction so the writer
 * is never held for long and a crash loses at most one uncommitted batch. Every row carries its own
 * key id and each UPDATE is guarded by the old key id, so a crash, a concurrent enrollment or a
 * re-run can never mix a blob with the wrong key id: an interrupted run leaves a readable mix and
 * the next run finishes it. Rows that cannot be opened (unknown key, failed authentication) are
 * left untouched, logged by row id and counted.
 */
final class Reencryptor {

    static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(Reencryptor.class);

    /**
     * A table with sealed rows, its row-id column ({@code rowid} in SQLite and a column of that name in
     * PostgreSQL; {@code id} where SQLite's {@code INTEGER PRIMARY KEY} aliases the row id), and how to rebuild each row's AAD from columns 4.. of the query. */
    private record Target(String kind, String table, String id, String aadColumns, AadFromRow aad) {
    }

    @FunctionalInterface
    private interface AadFromRow {
        byte[] aad(ResultSet rs) throws SQLException;
    }

    private static final List<Target> TARGETS = List.of(
            new Target(VoiceprintTable.KIND, "voiceprint", "rowid", "biokey_hash, engine_id, engine_version",
                    rs -> VoiceprintTable.aad(rs.getBytes(4), rs.getString(5), rs.getInt(6))),
            new Target(FingerprintTable.KIND, "replay_fingerprint", "id", "biokey_hash, at",
                    rs -> FingerprintTable.aad(rs.getBytes(4), rs.getLong(5))),
            new Target(BlocklistTable.KIND, "fraudster", "rowid", "list_id, fraudster_id, engine_id, engine_version",
                    rs -> BlocklistTable.aad(rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7))),
            new Target(Biokeys.KIND, "subject", "rowid", "biokey_hash", rs -> Biokeys.aad(rs.getBytes(4))));

    private final Database db;
    private final RecordCipher cipher;

    Reencryptor(Database db, RecordCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    ReencryptionReport run(String newKeyId) {
        cipher.activate(newKeyId);
        long[] done = new long[TARGETS.size()];
        long unreadable = 0;
        for (int t = 0; t < TARGETS.size(); t++) {
            Target target = TARGETS.get(t);
            long after = Long.MIN_VALUE;
            while (true) {
                Batch batch = batch(target, newKeyId, after);
                done[t] += batch.moved;
                unreadable += batch.unreadable;
                if (batch.lastRowid == null) {
                    break;
                }
                after = batch.lastRowid;
            }
        }
        log.info("[store] re-encrypted voiceprints={} fingerprints={} fraudsters={} sealed biokeys={} under key id {}"
                + " (unreadable rows left as they were: {})", done[0], done[1], done[2], done[3], newKeyId, unreadable);
        return new ReencryptionReport(newKeyId, done[0], done[1], done[2], done[3], unreadable);
    }

    private record Batch(long moved, long unreadable, Long lastRowid) {
    }

    private record Row(long rowid, String keyId, byte[] blob, byte[] aad) {
    }

    private Batch batch(Target target, String newKeyId, long after) {
        return db.write("reencrypt " + target.table(), c -> {
            List<Row> rows = Sql.query(c, "SELECT " + target.id() + ", key_id, sealed, " + target.aadColumns()
                            + " FROM " + target.table() + " WHERE key_id <> ? AND " + target.id() + " > ? ORDER BY "
                            + target.id() + " LIMIT ?",
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getBytes(3), target.aad().aad(rs)),
                    newKeyId, after, BATCH);
            long moved = 0;
            long unreadable = 0;
            for (Row row : rows) {
                if (reseal(c, target, row, newKeyId)) {
                    moved++;
                } else {
                    unreadable++;
                }
            }
            return new Batch(moved, unreadable, rows.isEmpty() ? null : rows.get(rows.size() - 1).rowid());
        });
    }

    private boolean reseal(Connection c, Target target, Row row, String newKeyId) throws SQLException {
        byte[] plain;
        try {
            plain = cipher.open(target.kind() + "#" + row.rowid(), row.keyId(), row.blob(), row.aad());
        } catch (StoreException e) {
            log.warn("[store] re-encryption skipped an unreadable record: {}", e.getMessage());
            return false;
        }
        RecordCipher.Sealed sealed = cipher.seal(newKeyId, plain, row.aad());
        Arrays.fill(plain, (byte) 0);
        return Sql.update(c, "UPDATE " + target.table() + " SET key_id = ?, sealed = ? WHERE " + target.id()
                        + " = ? AND key_id = ?",
                sealed.keyId(), sealed.blob(), row.rowid(), row.keyId()) == 1;
    }

    /** Encrypted rows per key id over all sealed tables. */
    static Map<String, Long> keyUsage(Connection c) throws SQLException {
        Map<String, Long> usage = new TreeMap<>();
        for (Target target : TARGETS) {
            for (Object[] r : Sql.query(c, "SELECT key_id, COUNT(*) FROM " + target.table() + " GROUP BY key_id",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
                usage.merge((String) r[0], (Long) r[1], Long::sum);
            }
        }
        return usage;
    }
}
