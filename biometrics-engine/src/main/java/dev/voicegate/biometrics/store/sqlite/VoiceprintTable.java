package dev.voicegate.biometrics.store.sqlite;

import static dev.voicegate.biometrics.store.internal.Times.fromNanos;
import static dev.voicegate.biometrics.store.internal.Times.toNanos;

import dev.voicegate.biometrics.store.AuditAction;
import dev.voicegate.biometrics.store.AuditEvent;
import dev.voicegate.biometrics.store.ConsentRequiredException;
import dev.voicegate.biometrics.store.ScanResult;
import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.StoredVoiceprint;
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
    private static final String COLUMNS = "rowid, biokey, engine_id, engine_version, key_id, sealed,"
            + " net_speech_seconds, enrolled_calls, updated_at";

    private final RecordCipher cipher;

    VoiceprintTable(RecordCipher cipher) {
        this.cipher = cipher;
    }

    static byte[] aad(String biokey, String engineId, int engineVersion) {
        return RecordCipher.aad(KIND, biokey, engineId, engineVersion);
    }

    void put(Connection c, StoredVoiceprint v, String by) throws SQLException {
        requireEnrollable(c, v.biokey());
        write(c, v, by);
    }

    void putAll(Connection c, List<StoredVoiceprint> batch, String by) throws SQLException {
        for (StoredVoiceprint v : batch) {
            put(c, v, by);
        }
    }

    boolean putIfUnchanged(Connection c, StoredVoiceprint v, Optional<StoredVoiceprint> expected, String by)
            throws SQLException {
        if (expected.isPresent() && !expected.get().biokey().equals(v.biokey())) {
            throw new IllegalArgumentException("expected: a voiceprint of another biokey (expected: the same biokey)");
        }
        requireEnrollable(c, v.biokey());
        if (!get(c, v.biokey()).equals(expected)) {
            return false;
        }
        write(c, v, by);
        return true;
    }

    private static void requireEnrollable(Connection c, String biokey) throws SQLException {
        SubjectTables.requireNotOptedOut(c, biokey, "enrollment");
        if (SubjectTables.consent(c, biokey).isEmpty()) {
            throw new ConsentRequiredException("enrollment refused: no consent is recorded for the biokey");
        }
    }

    private void write(Connection c, StoredVoiceprint v, String by) throws SQLException {
        String biokey = v.biokey();
        RecordCipher.Sealed sealed = cipher.seal(v.template(), aad(biokey, v.engineId(), v.engineVersion()));
        Sql.update(c, "INSERT INTO voiceprint (biokey, engine_id, engine_version, key_id, sealed, net_speech_seconds,"
                        + " enrolled_calls, first_enrolled_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (biokey) DO UPDATE SET engine_id = excluded.engine_id,"
                        + " engine_version = excluded.engine_version, key_id = excluded.key_id, sealed = excluded.sealed,"
                        + " net_speech_seconds = excluded.net_speech_seconds, enrolled_calls = excluded.enrolled_calls,"
                        + " updated_at = excluded.updated_at",
                biokey, v.engineId(), v.engineVersion(), sealed.keyId(), sealed.blob(), v.netSpeechSeconds(),
                v.enrolledCalls(), toNanos(v.updatedAt()), toNanos(v.updatedAt()));
        SubjectTables.audit(c, new AuditEvent(v.updatedAt(), AuditAction.ENROLL, biokey, by,
                "engine=" + v.engineId() + "/" + v.engineVersion() + " calls=" + v.enrolledCalls()));
    }

    Optional<StoredVoiceprint> get(Connection c, String biokey) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM voiceprint WHERE biokey = ?", this::decode, biokey);
    }

    static Optional<Instant> latestEnrollment(Connection c, String biokey) throws SQLException {
        return Sql.queryOne(c, "SELECT updated_at FROM voiceprint WHERE biokey = ?", rs -> fromNanos(rs.getLong(1)),
                biokey);
    }

    /** Enrolled before {@code cutoff} and no audit event naming the biokey since. */
    static List<String> idle(Connection c, Instant cutoff, int limit) throws SQLException {
        long at = toNanos(cutoff);
        return Sql.query(c, "SELECT v.biokey FROM voiceprint v WHERE v.updated_at < ? AND NOT EXISTS"
                        + " (SELECT 1 FROM audit_event a WHERE a.biokey = v.biokey AND a.at >= ?)"
                        + " ORDER BY v.updated_at, v.biokey LIMIT ?", rs -> rs.getString(1), at, at, limit);
    }

    ScanResult forEach(Connection c, Consumer<StoredVoiceprint> sink) throws SQLException {
        long delivered = 0;
        long unreadable = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM voiceprint ORDER BY rowid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StoredVoiceprint v;
                try {
                    v = decode(rs);
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

    private StoredVoiceprint decode(ResultSet rs) throws SQLException {
        String biokey = rs.getString(2);
        String engineId = rs.getString(3);
        int engineVersion = rs.getInt(4);
        byte[] template = cipher.open(KIND + "#" + rs.getLong(1), rs.getString(5), rs.getBytes(6),
                aad(biokey, engineId, engineVersion));
        return new StoredVoiceprint(biokey, engineId, engineVersion, template, rs.getDouble(7), rs.getInt(8),
                fromNanos(rs.getLong(9)));
    }
}
