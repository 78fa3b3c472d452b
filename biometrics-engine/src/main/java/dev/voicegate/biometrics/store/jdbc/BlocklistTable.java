package dev.voicegate.biometrics.store.jdbc;

import static dev.voicegate.biometrics.store.internal.Times.fromNanos;
import static dev.voicegate.biometrics.store.internal.Times.toNanos;

import dev.voicegate.biometrics.store.AuditAction;
import dev.voicegate.biometrics.store.AuditEvent;
import dev.voicegate.biometrics.store.Blocklist;
import dev.voicegate.biometrics.store.DuplicateRecordException;
import dev.voicegate.biometrics.store.FraudsterEntry;
import dev.voicegate.biometrics.store.UnknownRecordException;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The {@code blocklist} and {@code fraudster} tables. */
final class BlocklistTable {

    static final String KIND = "fraudster";

    private final RecordCipher cipher;
    private final Biokeys biokeys;

    BlocklistTable(RecordCipher cipher, Biokeys biokeys) {
        this.cipher = cipher;
        this.biokeys = biokeys;
    }

    static byte[] aad(String listId, String fraudsterId, String engineId, int engineVersion) {
        return RecordCipher.aad(KIND, listId, fraudsterId, engineId, engineVersion);
    }

    Blocklist create(Connection c, Blocklist list) throws SQLException {
        if (exists(c, list.id())) {
            throw new DuplicateRecordException("blocklist '" + list.id() + "' already exists");
        }
        Sql.update(c, "INSERT INTO blocklist (id, name, created_at, created_by) VALUES (?, ?, ?, ?)",
                list.id(), list.name(), toNanos(list.createdAt()), list.createdBy());
        SubjectTables.audit(c, biokeys, new AuditEvent(list.createdAt(), AuditAction.BLOCKLIST, null, list.createdBy(),
                "created list=" + list.id()));
        return list;
    }

    List<Blocklist> list(Connection c) throws SQLException {
        return Sql.query(c, "SELECT id, name, created_at, created_by FROM blocklist ORDER BY id",
                rs -> new Blocklist(rs.getString(1), rs.getString(2), fromNanos(rs.getLong(3)), rs.getString(4)));
    }

    boolean delete(Connection c, String listId, Instant at, String by) throws SQLException {
        long entries = Sql.count(c, "SELECT COUNT(*) FROM fraudster WHERE list_id = ?", listId);
        boolean existed = Sql.update(c, "DELETE FROM blocklist WHERE id = ?", listId) > 0;
        if (existed) {
            SubjectTables.audit(c, biokeys, new AuditEvent(at, AuditAction.BLOCKLIST, null, by,
                    "deleted list=" + listId + " entries=" + entries));
        }
        return existed;
    }

    void put(Connection c, FraudsterEntry e) throws SQLException {
        requireList(c, e.listId());
        byte[] source = e.sourceBiokey() == null ? null : biokeys.remember(c, e.sourceBiokey());
        RecordCipher.Sealed sealed = cipher.seal(e.template(),
                aad(e.listId(), e.fraudsterId(), e.engineId(), e.engineVersion()));
        Sql.update(c, "INSERT INTO fraudster (list_id, fraudster_id, engine_id, engine_version, key_id, sealed,"
                        + " added_at, added_by, source_biokey_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (list_id, fraudster_id) DO UPDATE SET engine_id = excluded.engine_id,"
                        + " engine_version = excluded.engine_version, key_id = excluded.key_id, sealed = excluded.sealed,"
                        + " added_at = excluded.added_at, added_by = excluded.added_by,"
                        + " source_biokey_hash = excluded.source_biokey_hash",
                e.listId(), e.fraudsterId(), e.engineId(), e.engineVersion(), sealed.keyId(), sealed.blob(),
                toNanos(e.addedAt()), e.addedBy(), source);
        SubjectTables.audit(c, biokeys, new AuditEvent(e.addedAt(), AuditAction.BLOCKLIST, null, e.addedBy(),
                "added list=" + e.listId() + " fraudster=" + e.fraudsterId()));
    }

    boolean remove(Connection c, String listId, String fraudsterId, Instant at, String by) throws SQLException {
        boolean existed = Sql.update(c, "DELETE FROM fraudster WHERE list_id = ? AND fraudster_id = ?",
                listId, fraudsterId) > 0;
        if (existed) {
            SubjectTables.audit(c, biokeys, new AuditEvent(at, AuditAction.BLOCKLIST, null, by,
                    "removed list=" + listId + " fraudster=" + fraudsterId));
        }
        return existed;
    }

    List<FraudsterEntry> entries(Connection c, String listId) throws SQLException {
        requireList(c, listId);
        return Sql.query(c, "SELECT f.rowid, f.list_id, f.fraudster_id, f.engine_id, f.engine_version, f.key_id,"
                + " f.sealed, f.added_at, f.added_by, f.source_biokey_hash, s.key_id, s.sealed FROM fraudster f"
                + " LEFT JOIN subject s ON s.biokey_hash = f.source_biokey_hash WHERE f.list_id = ?"
                + " ORDER BY f.fraudster_id", this::decode, listId);
    }

    private FraudsterEntry decode(ResultSet rs) throws SQLException {
        String listId = rs.getString(2);
        String fraudsterId = rs.getString(3);
        String engineId = rs.getString(4);
        int engineVersion = rs.getInt(5);
        byte[] template = cipher.open(KIND + "#" + rs.getLong(1), rs.getString(6), rs.getBytes(7),
                aad(listId, fraudsterId, engineId, engineVersion));
        byte[] source = rs.getBytes(10);
        String sourceBiokey = source == null ? null
                : biokeys.open(KIND + "#" + rs.getLong(1), source, rs.getString(11), rs.getBytes(12));
        return new FraudsterEntry(listId, fraudsterId, engineId, engineVersion, template, fromNanos(rs.getLong(8)),
                rs.getString(9), sourceBiokey);
    }

    private static boolean exists(Connection c, String listId) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM blocklist WHERE id = ?", listId);
    }

    private static void requireList(Connection c, String listId) throws SQLException {
        if (!exists(c, listId)) {
            throw new UnknownRecordException("blocklist '" + listId + "' does not exist");
        }
    }
}
