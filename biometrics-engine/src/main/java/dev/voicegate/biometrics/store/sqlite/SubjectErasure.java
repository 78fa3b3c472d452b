package dev.voicegate.biometrics.store.sqlite;

import static dev.voicegate.biometrics.store.internal.Times.fromNanos;
import static dev.voicegate.biometrics.store.internal.Times.toNanos;

import dev.voicegate.biometrics.store.AuditAction;
import dev.voicegate.biometrics.store.AuditEvent;
import dev.voicegate.biometrics.store.ErasureReport;
import dev.voicegate.biometrics.store.OptOutRecord;
import dev.voicegate.biometrics.store.SubjectExport;
import dev.voicegate.biometrics.store.Tombstone;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Erasure (GDPR Art. 17, BIPA §15(a)), opt-out and subject export.
 *
 * <p><b>What erasure keeps, and why.</b> Everything that names the biokey is deleted — voiceprint,
 * replay fingerprints, consent, the live opt-out row, blocklist entries taken from the biokey, and
 * the audit events naming it (they describe the person's biometric processing, so they are their
 * data too). One {@link Tombstone} row remains: the biokey, when and by whom it was erased, and the
 * opt-out if there was one. The opt-out must survive: it is the person's objection to processing,
 * and erasing it would let the next call enroll them again as if they had never objected; it holds
 * no biometric data, only the fact and the time. The erasure's own audit event names the tombstone
 * id instead of the biokey, so the tombstone is the only row that still names the person.
 */
final class SubjectErasure {

    private SubjectErasure() {
    }

    /** Records the opt-out and deletes the voiceprint and fingerprints; consent stays as evidence. */
    static boolean optOut(Connection c, String biokey, Instant at, String by) throws SQLException {
        SubjectTables.insertOptOut(c, biokey, at, by);
        boolean deleted = Sql.update(c, "DELETE FROM voiceprint WHERE biokey = ?", biokey) > 0;
        int fingerprints = FingerprintTable.deleteAll(c, biokey);
        SubjectTables.audit(c, new AuditEvent(at, AuditAction.OPT_OUT, biokey, by,
                "voiceprintDeleted=" + deleted + " fingerprintsDeleted=" + fingerprints));
        return deleted;
    }

    static boolean deleteVoiceprint(Connection c, String biokey, Instant at, String by) throws SQLException {
        boolean deleted = Sql.update(c, "DELETE FROM voiceprint WHERE biokey = ?", biokey) > 0;
        if (deleted) {
            SubjectTables.audit(c, new AuditEvent(at, AuditAction.DELETE, biokey, by, "voiceprint"));
        }
        return deleted;
    }

    static ErasureReport erase(Connection c, String biokey, Instant at, String by) throws SQLException {
        Optional<OptOutRecord> optOut = SubjectTables.optOut(c, biokey);
        boolean voiceprint = Sql.update(c, "DELETE FROM voiceprint WHERE biokey = ?", biokey) > 0;
        int fingerprints = FingerprintTable.deleteAll(c, biokey);
        boolean consent = Sql.update(c, "DELETE FROM consent WHERE biokey = ?", biokey) > 0;
        Sql.update(c, "DELETE FROM opt_out WHERE biokey = ?", biokey);
        int fraudsters = Sql.update(c, "DELETE FROM fraudster WHERE source_biokey = ?", biokey);
        int audits = Sql.update(c, "DELETE FROM audit_event WHERE biokey = ?", biokey);
        long id = Sql.insert(c, "INSERT INTO tombstone (biokey, erased_at, erased_by, opt_out_at, opt_out_by)"
                        + " VALUES (?, ?, ?, ?, ?)", biokey, toNanos(at), by,
                optOut.map(o -> toNanos(o.at())).orElse(null), optOut.map(OptOutRecord::recordedBy).orElse(null));
        Tombstone tombstone = new Tombstone(id, biokey, at, by, optOut.map(OptOutRecord::at).orElse(null),
                optOut.map(OptOutRecord::recordedBy).orElse(null));
        ErasureReport report = new ErasureReport(tombstone, voiceprint, fingerprints, consent, fraudsters, audits);
        SubjectTables.audit(c, new AuditEvent(at, AuditAction.ERASE, null, by,
                "tombstone=" + id + " artefactsRemoved=" + report.total()));
        return report;
    }

    static SubjectExport export(Connection c, String biokey, Instant at, String by) throws SQLException {
        SubjectTables.audit(c, new AuditEvent(at, AuditAction.EXPORT, biokey, by, "subject export"));
        Optional<SubjectExport.VoiceprintSummary> voiceprint = Sql.queryOne(c,
                "SELECT engine_id, engine_version, length(sealed), net_speech_seconds, enrolled_calls, updated_at"
                        + " FROM voiceprint WHERE biokey = ?",
                rs -> new SubjectExport.VoiceprintSummary(rs.getString(1), rs.getInt(2),
                        rs.getInt(3) - RecordCipher.OVERHEAD_BYTES, rs.getDouble(4), rs.getInt(5), fromNanos(rs.getLong(6))),
                biokey);
        int fingerprints = (int) Sql.count(c, "SELECT COUNT(*) FROM replay_fingerprint WHERE biokey = ?", biokey);
        return new SubjectExport(biokey, voiceprint, SubjectTables.consent(c, biokey),
                SubjectTables.optOut(c, biokey), fingerprints,
                Sql.query(c, "SELECT list_id || '/' || fraudster_id FROM fraudster WHERE source_biokey = ?"
                        + " ORDER BY list_id, fraudster_id", rs -> rs.getString(1), biokey),
                SubjectTables.tombstones(c, biokey), SubjectTables.auditTrail(c, biokey, 10_000));
    }
}
