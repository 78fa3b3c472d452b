package dev.voicegate.biometrics.store.config;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Configuration of the embedded voiceprint store (issue 4 §4, architecture §6), validated at
 * construction with messages naming the key, the value and what was expected.
 *
 * <p>Keys are AES-256 keys (exactly 32 bytes) by key id; the gateway resolves them from secret
 * references ({@code ${env:…}}, {@code ${file:…}}) and may use {@link #decodeKey} for base64 text.
 * Every record stores the id of the key it was encrypted with, so old keys must stay configured
 * until {@code VoiceprintStore.reencryptAll} has moved every record to a new one. Key bytes are
 * copied in and out and never printed by {@link #toString()}.
 *
 * @param dataDir        directory holding the single database file {@value #FILE_NAME}
 *                       ({@code biometrics.dataDir}); created if missing
 * @param keys           AES-256 keys by key id ({@code biometrics.store.keys}); ids match
 *                       {@code [A-Za-z0-9._-]{1,64}}
 * @param activeKeyId    the key new records are encrypted with ({@code biometrics.activeKeyId})
 * @param fingerprintCap replay fingerprints kept per biokey, newest first
 *                       ({@code biometrics.store.fingerprintCap}, 1..1000)
 * @param poolSize       JDBC connections ({@code biometrics.store.poolSize}, 1..16); SQLite has one
 *                       writer at a time, extra connections only serve concurrent readers
 * @param pseudonymKey   the 32-byte HMAC-SHA256 key biokeys are pseudonymised with
 *                       ({@code biometrics.pseudonymKey}, optional: {@code null} derives it)
 *
 * <p><b>Biokey pseudonymisation key.</b> The store never writes a biokey (customer id, account
 * number, E.164 number) in clear: every table is keyed by {@code HMAC-SHA256(pseudonymKey, biokey)}
 * (one key per deployment, so equal biokeys meet across tables and lookups stay one index probe).
 * Unlike the encryption keys this key cannot be rotated by re-encryption (every row would have to
 * be re-hashed from the clear biokey), so it must stay the same for the life of the store:
 * <ul>
 *   <li>configured ({@code pseudonymKey} non-null): used as is; recommended for new deployments,
 *       kept with the other secrets;</li>
 *   <li>not configured ({@code null}, the default of {@link #of} and of the five-argument
 *       constructor): derived as {@code HMAC-SHA256(encryptionKey, "voicegate.biometrics.store/
 *       biokey-pseudonym-key/v1")} from the encryption key that was active when the store was
 *       created or migrated; the store records that key's id and keeps it listed in
 *       {@code keyUsage()}, so it must stay configured after a rotation.</li>
 * </ul>
 * Either way the store keeps a check value of the key and refuses to open with a different one
 * (every lookup would silently miss).
 */
public record StoreConfig(Path dataDir, Map<String, byte[]> keys, String activeKeyId, int fingerprintCap,
                          int poolSize, byte[] pseudonymKey) {

    /** Name of the database file inside {@link #dataDir}. */
    public static final String FILE_NAME = "voiceprints.db";
    /** Default replay fingerprints kept per biokey. */
    public static final int DEFAULT_FINGERPRINT_CAP = 20;
    /** Default pool size. */
    public static final int DEFAULT_POOL_SIZE = 4;
    /** AES-256 key length in bytes. */
    public static final int KEY_BYTES = 32;

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public StoreConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("biometrics.dataDir: null (expected: a directory path)");
        }
        keys = copyKeys(keys);
        if (activeKeyId == null || !keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("biometrics.activeKeyId: " + activeKeyId
                    + " (expected: one of the configured key ids " + keys.keySet() + ")");
        }
        if (fingerprintCap < 1 || fingerprintCap > 1000) {
            throw new IllegalArgumentException("biometrics.store.fingerprintCap: " + fingerprintCap
                    + " (expected: 1..1000)");
        }
        if (poolSize < 1 || poolSize > 16) {
            throw new IllegalArgumentException("biometrics.store.poolSize: " + poolSize + " (expected: 1..16)");
        }
        if (pseudonymKey != null) {
            if (pseudonymKey.length != KEY_BYTES) {
                throw new IllegalArgumentException("biometrics.pseudonymKey: " + pseudonymKey.length
                        + " bytes (expected: " + KEY_BYTES + " bytes for HMAC-SHA256)");
            }
            pseudonymKey = pseudonymKey.clone();
        }
    }

    /** A config whose biokey pseudonymisation key is derived from an encryption key (see above). */
    public StoreConfig(Path dataDir, Map<String, byte[]> keys, String activeKeyId, int fingerprintCap, int poolSize) {
        this(dataDir, keys, activeKeyId, fingerprintCap, poolSize, null);
    }

    /** A copy of the configured pseudonymisation key, or {@code null} when it is derived. */
    @Override
    public byte[] pseudonymKey() {
        return pseudonymKey == null ? null : pseudonymKey.clone();
    }

    /** A config with the default fingerprint cap and pool size. */
    public static StoreConfig of(Path dataDir, Map<String, byte[]> keys, String activeKeyId) {
        return new StoreConfig(dataDir, keys, activeKeyId, DEFAULT_FINGERPRINT_CAP, DEFAULT_POOL_SIZE);
    }

    /**
     * Decodes a base64 (standard or URL-safe) key as configured for {@code keyId}.
     *
     * @throws IllegalArgumentException naming the key id (never the key text) when it is not base64
     *                                  or not 32 bytes long
     */
    public static byte[] decodeKey(String keyId, String base64) {
        return decode("biometrics.store.keys." + keyId, base64, "AES-256");
    }

    /**
     * Decodes a base64 {@code biometrics.pseudonymKey} (32 bytes).
     *
     * @throws IllegalArgumentException naming the key (never the key text) when it is not base64 or
     *                                  not 32 bytes long
     */
    public static byte[] decodePseudonymKey(String base64) {
        return decode("biometrics.pseudonymKey", base64, "HMAC-SHA256");
    }

    private static byte[] decode(String name, String base64, String use) {
        Objects.requireNonNull(base64, "base64");
        String text = base64.strip();
        byte[] key;
        try {
            key = (text.indexOf('-') >= 0 || text.indexOf('_') >= 0)
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name
                    + ": not base64 (expected: base64 of " + KEY_BYTES + " random bytes)", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(name + ": " + key.length
                    + " bytes (expected: " + KEY_BYTES + " bytes for " + use + ")");
        }
        return key;
    }

    /** The database file. */
    public Path databaseFile() {
        return dataDir.resolve(FILE_NAME);
    }

    /** A copy of the key with id {@code keyId}, or {@code null} when not configured. */
    public byte[] key(String keyId) {
        byte[] key = keys.get(keyId);
        return key == null ? null : key.clone();
    }

    /** Key ids and copies of the key bytes. */
    @Override
    public Map<String, byte[]> keys() {
        Map<String, byte[]> copy = new TreeMap<>();
        keys.forEach((id, key) -> copy.put(id, key.clone()));
        return copy;
    }

    /** Masks key material: only key ids are printed. */
    @Override
    public String toString() {
        return "StoreConfig[dataDir=" + dataDir + ", keys=" + keys.keySet() + " (masked), activeKeyId="
                + activeKeyId + ", fingerprintCap=" + fingerprintCap + ", poolSize=" + poolSize + ", pseudonymKey="
                + (pseudonymKey == null ? "derived" : "(masked)") + "]";
    }

    private static Map<String, byte[]> copyKeys(Map<String, byte[]> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("biometrics.store.keys: " + (keys == null ? "null" : "{}")
                    + " (expected: at least one key id -> " + KEY_BYTES + "-byte AES-256 key)");
        }
        Map<String, byte[]> copy = new TreeMap<>();
        keys.forEach((id, key) -> {
            if (id == null || !KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("biometrics.store.keys: key id '" + id
                        + "' (expected: 1..64 characters of [A-Za-z0-9._-])");
            }
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException("biometrics.store.keys." + id + ": "
                        + (key == null ? "null" : key.length + " bytes") + " (expected: " + KEY_BYTES
                        + " bytes for AES-256)");
            }
            copy.put(id, key.clone());
        });
        return Collections.unmodifiableMap(copy);
    }
}
