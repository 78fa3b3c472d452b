package dev.voicegate.biometrics.store.jdbc;

import static dev.voicegate.biometrics.store.internal.Times.fromNanos;
import static dev.voicegate.biometrics.store.internal.Times.toNanos;

import dev.voicegate.biometrics.store.AuditAction;
import dev.voicegate.biometrics.store.AuditEvent;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.ConsentRequiredException;
import dev.voicegate.biometrics.store.ScanResult;
import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.StoredVoiceprint;
import dev.voicegate.biometrics.store.internal.BiokeyPseudonyms;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code voiceprint} table: sealed templates, one per biokey. */
final class VoiceprintTable {

    static final String KIND = "voiceprint";
    private static final Logger log = LoggerFactory.getLogger(VoiceprintTable.class);
    /** Columns of a voiceprint row joined with the sealed copy of its biokey ({@code v} and {@code s}). */
    private static final String COLUMNS = "v.rowid, v.biokey_hash, v.engine_id, v.engine_version, v.key_id, v.sealed,"
            + " v.net_speech_seconds, v.enrolled_calls, v.updated_at, s.key_id, s.sealed";
    private static final String FROM = " FROM voiceprint v LEFT JOIN subject s ON s.biokey_hash = v.biokey_hash";

    private final RecordCipher cipher;
    private final Biokeys biokeys;

    VoiceprintTable(RecordCipher cipher, Biokeys biokeys) {
        this.cipher = cipher;
        this.biokeys = biokeys;
    }

    /** The AAD binds a template to its biokey's pseudonym and engine. */
    static byte[] aad(byte[] biokeyHash, String engineId, int engineVersion) {
        return RecordCipher.aad(KIND, BiokeyPseudonyms.hex(biokeyHash), engineId, engineVersion);
    }

    /**
     * Writes the voiceprint; with {@code consent}, records that consent in the same transaction
     * (so a consent given for an enrollment exists only if the enrollment was stored).
     */
    void put(Connection c, StoredVoiceprint v, String by, ConsentRecord consent) throws SQLException {
        requireEnrollable(c, v.biokey(), consent);
        write(c, v, by);
    }

    void putAll(Connection c, List<StoredVoiceprint> batch, String by) throws SQLException {
        for (StoredVoiceprint v : batch) {
            put(c, v, by, null);
        }
    }

    boolean putIfUnchanged(Connection c, StoredVoiceprint v, Optional<StoredVoiceprint> expected, String by,
                           ConsentRecord consent) throws SQLException {
        if (expected.isPresent() && !expected.get().biokey().equals(v.biokey())) {
            throw new IllegalArgumentException("expected: a voiceprint of another biokey (expected: the same biokey)");
        }
        if (consent == null) {
            requireEnrollable(c, v.biokey(), null);
        } else {
            SubjectTables.requireNotOptedOut(c, biokeys, v.biokey(), "enrollment");
        }
        if (!get(c, v.biokey()).equals(expected)) {
            return false;
        }
        if (consent != null) {
            requireEnrollable(c, v.biokey(), consent);
        }
        write(c, v, by);
        return true;
    }

    private void requireEnrollable(Connection c, String biokey, ConsentRecord consent) throws SQLException {
        SubjectTables.requireNotOptedOut(c, biokeys, biokey, "enrollment");
        if (consent != null) {
            SubjectTables.recordConsent(c, biokeys, biokey, consent);
        } else if (SubjectTables.consent(c, biokeys, biokey).isEmpty()) {
            throw new ConsentRequiredException("enrollment refused: no consent is recorded for the biokey");
        }
    }

    private void write(Connection c, StoredVoiceprint v, String by) throws SQLException {
        byte[] hash = biokeys.remember(c, v.biokey());
        RecordCipher.Sealed sealed = cipher.seal(v.template(), aad(hash, v.engineId(), v.engineVersion()));
        Sql.update(c, "INSERT INTO voiceprint (biokey_hash, engine_id, engine_version, key_id, sealed, net_speech_seconds,"
                        + " enrolled_calls, first_enrolled_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (biokey_hash) DO UPDATE SET engine_id = excluded.engine_id,"
                        + " engine_version = excluded.engine_version, key_id = excluded.key_id, sealed = excluded.sealed,"
                        + " net_speech_seconds = excluded.net_speech_seconds, enrolled_calls = excluded.enrolled_calls,"
                        + " updated_at = excluded.updated_at",
                hash, v.engineId(), v.engineVersion(), sealed.keyId(), sealed.blob(), v.netSpeechSeconds(),
                v.enrolledCalls(), toNanos(v.updatedAt()), toNanos(v.updatedAt()));
        SubjectTables.audit(c, biokeys, new AuditEvent(v.updatedAt(), AuditAction.ENROLL, v.biokey(), by,
                "engine=" + v.engineId() + "/" + v.engineVersion() + " calls=" + v.enrolledCalls()));
    }

    /** A lookup: the record carries the biokey the caller supplied. */
    Optional<StoredVoiceprint> get(Connection c, String biokey) throws SQLException {
        return Sql.queryOne(c, "SELECT v.rowid, v.biokey_hash, v.engine_id, v.engine_version, v.key_id, v.sealed,"
                + " v.net_speech_seconds, v.enrolled_calls, v.updated_at FROM voiceprint v WHERE v.biokey_hash = ?",
                rs -> decode(rs, biokey), biokeys.hash(biokey));
    }

    /** A lookup by pseudonym: the clear biokey comes from the sealed copy in {@code subject}. */
    Optional<StoredVoiceprint> byPseudonym(Connection c, byte[] hash) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + FROM + " WHERE v.biokey_hash = ?",
                rs -> decode(rs, biokeys.open(KIND + "#" + rs.getLong(1), rs.getBytes(2), rs.getString(10),
                        rs.getBytes(11))), hash);
    }

    Optional<Instant> latestEnrollment(Connection c, String biokey) throws SQLException {
        return Sql.queryOne(c, "SELECT updated_at FROM voiceprint WHERE biokey_hash = ?",
                rs -> fromNanos(rs.getLong(1)), biokeys.hash(biokey));
    }

    /** Enrolled before {@code cutoff} and no audit event naming the biokey since; clear biokeys from {@code subject}. */
    List<String> idle(Connection c, Instant cutoff, int limit) throws SQLException {
        long at = toNanos(cutoff);
        return Sql.query(c, "SELECT v.rowid, v.biokey_hash, s.key_id, s.sealed" + FROM + " WHERE v.updated_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.biokey_hash = v.biokey_hash AND a.at >= ?)"
                        + " ORDER BY v.updated_at, v.rowid LIMIT ?",
                rs -> biokeys.open(KIND + "#" + rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getBytes(4)),
                at, at, limit);
    }

    ScanResult forEach(Connection c, Consumer<StoredVoiceprint> sink) throws SQLException {
        long delivered = 0;
        long unreadable = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " ORDER BY v.rowid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StoredVoiceprint v;
                try {
                    v = decode(rs, biokeys.open(KIND + "#" + rs.getLong(1), rs.getBytes(2), rs.getString(10),
                            rs.getBytes(11)));
                } catch (StoreException e) {
                    unreadable++;
                    log.warn("[store] skipping unreadable record: {}", e.getMessage());
                    continue;
                }
                sink.accept(v);
                delivered++;
            }
        }
        return new ScanResult(delivered, unreadable);
    }

    private StoredVoiceprint decode(ResultSet rs, String biokey) throws SQLException {
        byte[] hash = rs.getBytes(2);
        String engineId = rs.getString(3);
        int engineVersion = rs.getInt(4);
        byte[] template = cipher.open(KIND + "#" + rs.getLong(1), rs.getString(5), rs.getBytes(6),
                aad(hash, engineId, engineVersion));
        return new StoredVoiceprint(biokey, engineId, engineVersion, template, rs.getDouble(7), rs.getInt(8),
                fromNanos(rs.getLong(9)));
    }
}
