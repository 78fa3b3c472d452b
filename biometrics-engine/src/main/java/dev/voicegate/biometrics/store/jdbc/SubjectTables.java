package dev.voicegate.biometrics.store.jdbc;

import static dev.voicegate.biometrics.store.internal.Times.fromNanos;
import static dev.voicegate.biometrics.store.internal.Times.toNanos;

import dev.voicegate.biometrics.store.AuditAction;
import dev.voicegate.biometrics.store.AuditEvent;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.OptOutRecord;
import dev.voicegate.biometrics.store.OptedOutException;
import dev.voicegate.biometrics.store.Tombstone;
import dev.voicegate.biometrics.store.internal.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Consent, opt-out, tombstones and the audit trail: the per-person rules. Every method runs on the
 * caller's connection, inside the caller's transaction. Rows are keyed by the biokey's pseudonym
 * ({@link Biokeys}); records returned for a lookup carry the biokey the caller supplied.
 */
final class SubjectTables {

    private SubjectTables() {
    }

    static void recordConsent(Connection c, Biokeys b, String biokey, ConsentRecord consent) throws SQLException {
        requireNotOptedOut(c, b, biokey, "consent");
        Sql.update(c, "INSERT INTO consent (biokey_hash, at, method, recorded_by) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (biokey_hash) DO UPDATE SET at = excluded.at, method = excluded.method,"
                        + " recorded_by = excluded.recorded_by",
                b.remember(c, biokey), toNanos(consent.at()), consent.method(), consent.recordedBy());
        audit(c, b, new AuditEvent(consent.at(), AuditAction.CONSENT, biokey, consent.recordedBy(),
                "method=" + consent.method()));
    }

    static Optional<ConsentRecord> consent(Connection c, Biokeys b, String biokey) throws SQLException {
        return Sql.queryOne(c, "SELECT at, method, recorded_by FROM consent WHERE biokey_hash = ?",
                rs -> new ConsentRecord(fromNanos(rs.getLong(1)), rs.getString(2), rs.getString(3)), b.hash(biokey));
    }

    /** Inserts the opt-out unless one exists (the first one's time is kept). */
    static void insertOptOut(Connection c, Biokeys b, String biokey, Instant at, String by) throws SQLException {
        Sql.update(c, "INSERT INTO opt_out (biokey_hash, at, recorded_by) VALUES (?, ?, ?)"
                + " ON CONFLICT (biokey_hash) DO NOTHING", b.remember(c, biokey), toNanos(at), by);
    }

    /** The live opt-out, else the earliest one preserved in a tombstone. */
    static Optional<OptOutRecord> optOut(Connection c, Biokeys b, String biokey) throws SQLException {
        byte[] hash = b.hash(biokey);
        Optional<OptOutRecord> live = Sql.queryOne(c, "SELECT at, recorded_by FROM opt_out WHERE biokey_hash = ?",
                rs -> new OptOutRecord(fromNanos(rs.getLong(1)), rs.getString(2), false), hash);
        if (live.isPresent()) {
            return live;
        }
        return Sql.queryOne(c, "SELECT opt_out_at, opt_out_by FROM tombstone WHERE biokey_hash = ?"
                        + " AND opt_out_at IS NOT NULL ORDER BY opt_out_at, id LIMIT 1",
                rs -> new OptOutRecord(fromNanos(rs.getLong(1)), rs.getString(2), true), hash);
    }

    static void requireNotOptedOut(Connection c, Biokeys b, String biokey, String operation) throws SQLException {
        if (optOut(c, b, biokey).isPresent()) {
            throw new OptedOutException(operation + " refused: the biokey opted out of voice biometrics");
        }
    }

    /** Tombstones keep only the pseudonym: the returned records carry the biokey the caller supplied. */
    static List<Tombstone> tombstones(Connection c, Biokeys b, String biokey) throws SQLException {
        return Sql.query(c, "SELECT id, erased_at, erased_by, opt_out_at, opt_out_by FROM tombstone"
                + " WHERE biokey_hash = ? ORDER BY id", rs -> tombstone(rs, biokey), b.hash(biokey));
    }

    private static Tombstone tombstone(ResultSet rs, String biokey) throws SQLException {
        long optOutAt = rs.getLong(4);
        Instant optOut = rs.wasNull() ? null : fromNanos(optOutAt);
        return new Tombstone(rs.getLong(1), biokey, fromNanos(rs.getLong(2)), rs.getString(3), optOut,
                rs.getString(5));
    }

    static void audit(Connection c, Biokeys b, AuditEvent e) throws SQLException {
        byte[] hash = e.biokey() == null ? null : b.remember(c, e.biokey());
        Sql.update(c, "INSERT INTO audit_event (at, action, biokey_hash, actor, detail) VALUES (?, ?, ?, ?, ?)",
                toNanos(e.at()), e.action().name(), hash, e.actor(), e.detail());
    }

    static int pruneAudit(Connection c, Biokeys b, Instant before, Instant now, String by) throws SQLException {
        int deleted = Sql.update(c, "DELETE FROM audit_event WHERE at < ?", toNanos(before));
        Biokeys.forgetUnreferenced(c);
        audit(c, b, new AuditEvent(now, AuditAction.DELETE, null, by, "auditEventsBefore=" + before + " deleted=" + deleted));
        return deleted;
    }

    static List<AuditEvent> auditTrail(Connection c, Biokeys b, String biokey, int limit) throws SQLException {
        return Sql.query(c, "SELECT at, action, actor, detail FROM audit_event WHERE biokey_hash = ?"
                        + " ORDER BY id LIMIT ?", rs -> new AuditEvent(fromNanos(rs.getLong(1)),
                        AuditAction.valueOf(rs.getString(2)), biokey, rs.getString(3), rs.getString(4)),
                b.hash(biokey), limit);
    }

    /** Events since {@code from}; the biokey of each comes from its sealed copy in {@code subject}. */
    static List<AuditEvent> auditSince(Connection c, Biokeys b, Instant from, int limit) throws SQLException {
        return Sql.query(c, "SELECT a.id, a.at, a.action, a.biokey_hash, s.key_id, s.sealed, a.actor, a.detail"
                        + " FROM audit_event a LEFT JOIN subject s ON s.biokey_hash = a.biokey_hash"
                        + " WHERE a.at >= ? ORDER BY a.at, a.id LIMIT ?",
                rs -> {
                    byte[] hash = rs.getBytes(4);
                    String biokey = hash == null ? null
                            : b.open("audit_event#" + rs.getLong(1), hash, rs.getString(5), rs.getBytes(6));
                    return new AuditEvent(fromNanos(rs.getLong(2)), AuditAction.valueOf(rs.getString(3)), biokey,
                            rs.getString(7), rs.getString(8));
                }, toNanos(from), limit);
    }
}
