package dev.voicegate.biometrics.store.jdbc;

import dev.voicegate.biometrics.store.RecordIntegrityException;
import dev.voicegate.biometrics.store.internal.BiokeyPseudonyms;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Biokeys as the store writes them: every table holds the keyed pseudonym
 * ({@link BiokeyPseudonyms}, a 32-byte BLOB column {@code biokey_hash}), never the clear biokey.
 *
 * <p><b>Getting the clear biokey back.</b> Lookups by a biokey the caller supplies (get, consent,
 * opt-out, fingerprints, audit trail, tombstones, export, erasure) return that biokey and need
 * nothing else. Three reads must produce biokeys the caller did not supply: the voiceprint scan
 * that builds the 1:N identify index (identification returns a biokey), the retention job's
 * {@code idleVoiceprints}, and listings that carry a biokey in their records (fraudster entries'
 * {@code sourceBiokey}, {@code auditEvents(from)}). For those the store keeps one AES-256-GCM
 * sealed copy of each biokey in the {@code subject} table (key id per row, AAD bound to the
 * pseudonym, re-encrypted by {@code reencryptAll} like every sealed record), written with the first
 * row that names the biokey and deleted by erasure. Tombstones keep only the pseudonym: after an
 * erasure the store can still recognise the person (their opt-out) but cannot name them.
 */
final class Biokeys {

    static final String KIND = "subject";

    private final BiokeyPseudonyms pseudonyms;
    private final RecordCipher cipher;

    Biokeys(BiokeyPseudonyms pseudonyms, RecordCipher cipher) {
        this.pseudonyms = pseudonyms;
        this.cipher = cipher;
    }

    BiokeyPseudonyms pseudonyms() {
        return pseudonyms;
    }

    /** The pseudonym of {@code biokey} (the value of every {@code biokey_hash} column). */
    byte[] hash(String biokey) {
        return pseudonyms.pseudonym(biokey);
    }

    static byte[] aad(byte[] hash) {
        return RecordCipher.aad(KIND, BiokeyPseudonyms.hex(hash));
    }

    /** Makes sure the sealed copy of {@code biokey} exists; returns its pseudonym. */
    byte[] remember(Connection c, String biokey) throws SQLException {
        byte[] hash = hash(biokey);
        if (!Sql.exists(c, "SELECT 1 FROM subject WHERE biokey_hash = ?", hash)) {
            RecordCipher.Sealed sealed = cipher.seal(biokey.getBytes(StandardCharsets.UTF_8), aad(hash));
            Sql.update(c, "INSERT INTO subject (biokey_hash, key_id, sealed) VALUES (?, ?, ?)", hash,
                    sealed.keyId(), sealed.blob());
        }
        return hash;
    }

    /**
     * The clear biokey from a {@code subject} row's columns; checks that it hashes back to the row.
     *
     * @throws RecordIntegrityException when the row is missing (a record names a subject that is not
     *                                  kept) or does not match its pseudonym
     */
    String open(String what, byte[] hash, String keyId, byte[] sealed) {
        if (keyId == null || sealed == null) {
            throw new RecordIntegrityException(what + ": names a biokey pseudonym with no subject row");
        }
        String biokey = new String(cipher.open(KIND + " of " + what, keyId, sealed, aad(hash)), StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(hash(biokey), hash)) {
            throw new RecordIntegrityException(what + ": sealed biokey does not match its pseudonym");
        }
        return biokey;
    }

    static int forget(Connection c, byte[] hash) throws SQLException {
        return Sql.update(c, "DELETE FROM subject WHERE biokey_hash = ?", hash);
    }

    /** Deletes sealed biokeys no other row names any more (after pruning the audit trail). */
    static int forgetUnreferenced(Connection c) throws SQLException {
        return Sql.update(c, "DELETE FROM subject WHERE"
                + " NOT EXISTS (SELECT 1 FROM voiceprint v WHERE v.biokey_hash = subject.biokey_hash)"
                + " AND NOT EXISTS (SELECT 1 FROM consent x WHERE x.biokey_hash = subject.biokey_hash)"
                + " AND NOT EXISTS (SELECT 1 FROM opt_out o WHERE o.biokey_hash = subject.biokey_hash)"
                + " AND NOT EXISTS (SELECT 1 FROM replay_fingerprint r WHERE r.biokey_hash = subject.biokey_hash)"
                + " AND NOT EXISTS (SELECT 1 FROM fraudster f WHERE f.source_biokey_hash = subject.biokey_hash)"
                + " AND NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.biokey_hash = subject.biokey_hash)");
    }
}
