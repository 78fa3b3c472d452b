package dev.voicegate.biometrics.store.sqlite;

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
 * caller's connection, inside the caller's transaction.
 */
final class SubjectTables {

    private SubjectTables() {
    }

    static void recordConsent(Connection c, String biokey, ConsentRecord consent) throws SQLException {
        requireNotOptedOut(c, biokey, "consent");
        Sql.update(c, "INSERT INTO consent (biokey, at, method, recorded_by) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (biokey) DO UPDATE SET at = excluded.at, method = excluded.method,"
                        + " recorded_by = excluded.recorded_by",
                biokey, toNanos(consent.at()), consent.method(), consent.recordedBy());
        audit(c, new AuditEvent(consent.at(), AuditAction.CONSENT, biokey, consent.recordedBy(),
                "method=" + consent.method()));
    }

    static Optional<ConsentRecord> consent(Connection c, String biokey) throws SQLException {
        return Sql.queryOne(c, "SELECT at, method, recorded_by FROM consent WHERE biokey = ?",
                rs -> new ConsentRecord(fromNanos(rs.getLong(1)), rs.getString(2), rs.getString(3)), biokey);
    }

    /** Inserts the opt-out unless one exists (the first one's time is kept). */
    static void insertOptOut(Connection c, String biokey, Instant at, String by) throws SQLException {
        Sql.update(c, "INSERT INTO opt_out (biokey, at, recorded_by) VALUES (?, ?, ?) ON CONFLICT (biokey) DO NOTHING",
                biokey, toNanos(at), by);
    }

    /** The live opt-out, else the earliest one preserved in a tombstone. */
    static Optional<OptOutRecord> optOut(Connection c, String biokey) throws SQLException {
        Optional<OptOutRecord> live = Sql.queryOne(c, "SELECT at, recorded_by FROM opt_out WHERE biokey = ?",
                rs -> new OptOutRecord(fromNanos(rs.getLong(1)), rs.getString(2), false), biokey);
        if (live.isPresent()) {
            return live;
        }
        return Sql.queryOne(c, "SELECT opt_out_at, opt_out_by FROM tombstone WHERE biokey = ?"
                        + " AND opt_out_at IS NOT NULL ORDER BY opt_out_at, id LIMIT 1",
                rs -> new OptOutRecord(fromNanos(rs.getLong(1)), rs.getString(2), true), biokey);
    }

    static void requireNotOptedOut(Connection c, String biokey, String operation) throws SQLException {
        if (optOut(c, biokey).isPresent()) {
            throw new OptedOutException(operation + " refused: the biokey opted out of voice biometrics");
        }
    }

    static List<Tombstone> tombstones(Connection c, String biokey) throws SQLException {
        return Sql.query(c, "SELECT id, biokey, erased_at, erased_by, opt_out_at, opt_out_by FROM tombstone"
                + " WHERE biokey = ? ORDER BY id", SubjectTables::tombstone, biokey);
    }

    static Tombstone tombstone(ResultSet rs) throws SQLException {
        long optOutAt = rs.getLong(5);
        Instant optOut = rs.wasNull() ? null : fromNanos(optOutAt);
        return new Tombstone(rs.getLong(1), rs.getString(2), fromNanos(rs.getLong(3)), rs.getString(4), optOut,
                rs.getString(6));
    }

    static void audit(Connection c, AuditEvent e) throws SQLException {
        Sql.update(c, "INSERT INTO audit_event (at, action, biokey, actor, detail) VALUES (?, ?, ?, ?, ?)",
                toNanos(e.at()), e.action().name(), e.biokey(), e.actor(), e.detail());
    }

    static int pruneAudit(Connection c, Instant before, Instant now, String by) throws SQLException {
        int deleted = Sql.update(c, "DELETE FROM audit_event WHERE at < ?", toNanos(before));
        audit(c, new AuditEvent(now, AuditAction.DELETE, null, by, "auditEventsBefore=" + before + " deleted=" + deleted));
        return deleted;
    }

    static List<AuditEvent> auditTrail(Connection c, String biokey, int limit) throws SQLException {
        return Sql.query(c, "SELECT at, action, biokey, actor, detail FROM audit_event WHERE biokey = ?"
                + " ORDER BY id LIMIT ?", SubjectTables::auditEvent, biokey, limit);
    }

    static List<AuditEvent> auditSince(Connection c, Instant from, int limit) throws SQLException {
        return Sql.query(c, "SELECT at, action, biokey, actor, detail FROM audit_event WHERE at >= ?"
                + " ORDER BY at, id LIMIT ?", SubjectTables::auditEvent, toNanos(from), limit);
    }

    private static AuditEvent auditEvent(ResultSet rs) throws SQLException {
        return new AuditEvent(fromNanos(rs.getLong(1)), AuditAction.valueOf(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getString(5));
    }
}
