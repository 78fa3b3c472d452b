package dev.voicegate.biometrics.store.jdbc;

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
 * id instead of the biokey, so the tombstone is the only row that still names the person, and only
 * by the biokey's keyed pseudonym: the sealed copy of the biokey ({@link Biokeys}) is erased too.
 */
final class SubjectErasure {

    private SubjectErasure() {
    }

    /** Records the opt-out and deletes the voiceprint and fingerprints; consent stays as evidence. */
    static boolean optOut(Connection c, Biokeys b, String biokey, Instant at, String by) throws SQLException {
        SubjectTables.insertOptOut(c, b, biokey, at, by);
        byte[] hash = b.hash(biokey);
        boolean deleted = Sql.update(c, "DELETE FROM voiceprint WHERE biokey_hash = ?", hash) > 0;
        int fingerprints = FingerprintTable.deleteAll(c, hash);
        SubjectTables.audit(c, b, new AuditEvent(at, AuditAction.OPT_OUT, biokey, by,
                "voiceprintDeleted=" + deleted + " fingerprintsDeleted=" + fingerprints));
        return deleted;
    }

    static boolean deleteVoiceprint(Connection c, Biokeys b, String biokey, Instant at, String by) throws SQLException {
        boolean deleted = Sql.update(c, "DELETE FROM voiceprint WHERE biokey_hash = ?", b.hash(biokey)) > 0;
        if (deleted) {
            SubjectTables.audit(c, b, new AuditEvent(at, AuditAction.DELETE, biokey, by, "voiceprint"));
        }
        return deleted;
    }

    static ErasureReport erase(Connection c, Biokeys b, String biokey, Instant at, String by) throws SQLException {
        Optional<OptOutRecord> optOut = SubjectTables.optOut(c, b, biokey);
        byte[] hash = b.hash(biokey);
        boolean voiceprint = Sql.update(c, "DELETE FROM voiceprint WHERE biokey_hash = ?", hash) > 0;
        int fingerprints = FingerprintTable.deleteAll(c, hash);
        boolean consent = Sql.update(c, "DELETE FROM consent WHERE biokey_hash = ?", hash) > 0;
        Sql.update(c, "DELETE FROM opt_out WHERE biokey_hash = ?", hash);
        int fraudsters = Sql.update(c, "DELETE FROM fraudster WHERE source_biokey_hash = ?", hash);
        int audits = Sql.update(c, "DELETE FROM audit_event WHERE biokey_hash = ?", hash);
        Biokeys.forget(c, hash);
        long id = Sql.insert(c, "INSERT INTO tombstone (biokey_hash, erased_at, erased_by, opt_out_at, opt_out_by)"
                        + " VALUES (?, ?, ?, ?, ?)", hash, toNanos(at), by,
                optOut.map(o -> toNanos(o.at())).orElse(null), optOut.map(OptOutRecord::recordedBy).orElse(null));
        Tombstone tombstone = new Tombstone(id, biokey, at, by, optOut.map(OptOutRecord::at).orElse(null),
                optOut.map(OptOutRecord::recordedBy).orElse(null));
        ErasureReport report = new ErasureReport(tombstone, voiceprint, fingerprints, consent, fraudsters, audits);
        SubjectTables.audit(c, b, new AuditEvent(at, AuditAction.ERASE, null, by,
                "tombstone=" + id + " artefactsRemoved=" + report.total()));
        return report;
    }

    /** The export names the subject by the biokey the caller supplied (the store keeps only its pseudonym). */
    static SubjectExport export(Connection c, Biokeys b, String biokey, Instant at, String by) throws SQLException {
        SubjectTables.audit(c, b, new AuditEvent(at, AuditAction.EXPORT, biokey, by, "subject export"));
        byte[] hash = b.hash(biokey);
        Optional<SubjectExport.VoiceprintSummary> voiceprint = Sql.queryOne(c,
                "SELECT engine_id, engine_version, length(sealed), net_speech_seconds, enrolled_calls, updated_at"
                        + " FROM voiceprint WHERE biokey_hash = ?",
                rs -> new SubjectExport.VoiceprintSummary(rs.getString(1), rs.getInt(2),
                        rs.getInt(3) - RecordCipher.OVERHEAD_BYTES, rs.getDouble(4), rs.getInt(5), fromNanos(rs.getLong(6))),
                hash);
        int fingerprints = (int) Sql.count(c, "SELECT COUNT(*) FROM replay_fingerprint WHERE biokey_hash = ?", hash);
        return new SubjectExport(biokey, voiceprint, SubjectTables.consent(c, b, biokey),
                SubjectTables.optOut(c, b, biokey), fingerprints,
                Sql.query(c, "SELECT list_id || '/' || fraudster_id FROM fraudster WHERE source_biokey_hash = ?"
                        + " ORDER BY list_id, fraudster_id", rs -> rs.getString(1), hash),
                SubjectTables.tombstones(c, b, biokey), SubjectTables.auditTrail(c, b, biokey, 10_000));
    }
}
