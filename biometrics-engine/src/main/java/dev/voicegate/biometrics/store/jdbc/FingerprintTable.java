package dev.voicegate.biometrics.store.jdbc;

import static dev.voicegate.biometrics.store.internal.Times.fromNanos;
import static dev.voicegate.biometrics.store.internal.Times.toNanos;

import dev.voicegate.biometrics.store.ReplayFingerprint;
import dev.voicegate.biometrics.store.internal.BiokeyPseudonyms;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The {@code replay_fingerprint} table: sealed fingerprints, newest N per biokey. */
final class FingerprintTable {

    static final String KIND = "replay_fingerprint";

    private final RecordCipher cipher;
    private final Biokeys biokeys;
    private final int cap;

    FingerprintTable(RecordCipher cipher, Biokeys biokeys, int cap) {
        this.cipher = cipher;
        this.biokeys = biokeys;
        this.cap = cap;
    }

    /** The AAD binds a fingerprint to its biokey's pseudonym and time. */
    static byte[] aad(byte[] biokeyHash, long atNanos) {
        return RecordCipher.aad(KIND, BiokeyPseudonyms.hex(biokeyHash), atNanos);
    }

    /** Adds one and deletes all but the newest {@code cap} of the biokey, in the caller's transaction. */
    void add(Connection c, String biokey, ReplayFingerprint fingerprint) throws SQLException {
        SubjectTables.requireNotOptedOut(c, biokeys, biokey, "replay fingerprint");
        byte[] hash = biokeys.remember(c, biokey);
        long at = toNanos(fingerprint.at());
        RecordCipher.Sealed sealed = cipher.seal(fingerprint.fingerprint(), aad(hash, at));
        Sql.update(c, "INSERT INTO replay_fingerprint (biokey_hash, at, key_id, sealed) VALUES (?, ?, ?, ?)",
                hash, at, sealed.keyId(), sealed.blob());
        Sql.update(c, "DELETE FROM replay_fingerprint WHERE biokey_hash = ? AND id NOT IN (SELECT id FROM"
                + " replay_fingerprint WHERE biokey_hash = ? ORDER BY at DESC, id DESC LIMIT ?)", hash, hash, cap);
    }

    /** Newest first; a record that cannot be decrypted fails the call (replay checks must not guess). */
    List<ReplayFingerprint> list(Connection c, String biokey) throws SQLException {
        byte[] hash = biokeys.hash(biokey);
        return Sql.query(c, "SELECT id, at, key_id, sealed FROM replay_fingerprint WHERE biokey_hash = ?"
                        + " ORDER BY at DESC, id DESC LIMIT ?",
                rs -> new ReplayFingerprint(cipher.open(KIND + "#" + rs.getLong(1), rs.getString(3), rs.getBytes(4),
                        aad(hash, rs.getLong(2))), fromNanos(rs.getLong(2))), hash, cap);
    }

    static int deleteAll(Connection c, byte[] biokeyHash) throws SQLException {
        return Sql.update(c, "DELETE FROM replay_fingerprint WHERE biokey_hash = ?", biokeyHash);
    }
}
