package dev.voicegate.biometrics.store.sqlite;

import static dev.voicegate.biometrics.store.internal.Times.fromNanos;
import static dev.voicegate.biometrics.store.internal.Times.toNanos;

import dev.voicegate.biometrics.store.ReplayFingerprint;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The {@code replay_fingerprint} table: sealed fingerprints, newest N per biokey. */
final class FingerprintTable {

    static final String KIND = "replay_fingerprint";

    private final RecordCipher cipher;
    private final int cap;

    FingerprintTable(RecordCipher cipher, int cap) {
        this.cipher = cipher;
        this.cap = cap;
    }

    static byte[] aad(String biokey, long atNanos) {
        return RecordCipher.aad(KIND, biokey, atNanos);
    }

    /** Adds one and deletes all but the newest {@code cap} of the biokey, in the caller's transaction. */
    void add(Connection c, String biokey, ReplayFingerprint fingerprint) throws SQLException {
        SubjectTables.requireNotOptedOut(c, biokey, "replay fingerprint");
        long at = toNanos(fingerprint.at());
        RecordCipher.Sealed sealed = cipher.seal(fingerprint.fingerprint(), aad(biokey, at));
        Sql.update(c, "INSERT INTO replay_fingerprint (biokey, at, key_id, sealed) VALUES (?, ?, ?, ?)",
                biokey, at, sealed.keyId(), sealed.blob());
        Sql.update(c, "DELETE FROM replay_fingerprint WHERE biokey = ? AND id NOT IN (SELECT id FROM"
                + " replay_fingerprint WHERE biokey = ? ORDER BY at DESC, id DESC LIMIT ?)", biokey, biokey, cap);
    }

    /** Newest first; a record that cannot be decrypted fails the call (replay checks must not guess). */
    List<ReplayFingerprint> list(Connection c, String biokey) throws SQLException {
        return Sql.query(c, "SELECT id, at, key_id, sealed FROM replay_fingerprint WHERE biokey = ?"
                        + " ORDER BY at DESC, id DESC LIMIT ?",
                rs -> new ReplayFingerprint(cipher.open(KIND + "#" + rs.getLong(1), rs.getString(3), rs.getBytes(4),
                        aad(biokey, rs.getLong(2))), fromNanos(rs.getLong(2))), biokey, cap);
    }

    static int deleteAll(Connection c, String biokey) throws SQLException {
        return Sql.update(c, "DELETE FROM replay_fingerprint WHERE biokey = ?", biokey);
    }
}
