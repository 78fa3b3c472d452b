package dev.voicegate.biometrics.store.internal;

import dev.voicegate.biometrics.store.KeyNotConfiguredException;
import dev.voicegate.biometrics.store.RecordIntegrityException;
import dev.voicegate.biometrics.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing of store records. A sealed blob is {@code IV (12 bytes) || ciphertext || tag
 * (16 bytes)}; a fresh random 96-bit IV per record. The AAD binds the blob to its record (kind,
 * identity, engine), so a blob copied into another row fails authentication. The key id travels in
 * its own column; the caller passes it back on {@link #open}.
 *
 * <p>Thread-safe: {@link Cipher} instances are not, so each thread re-initialises its own (one per
 * thread that touches the store; creating one per record cost ~5 us against ~1 us for re-init, which
 * dominates the decrypting scan that builds the 1:N index). Encryption always re-initialises with a
 * fresh IV, so an instance is never reused with the same key and IV for encryption.
 */
public final class RecordCipher {

    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    /** Bytes a sealed blob adds to its plaintext: the IV and the GCM tag. */
    public static final int OVERHEAD_BYTES = IV_BYTES + TAG_BITS / 8;
    private static final String AAD_PREFIX = "voicegate.biometrics.store/v1";

    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(RecordCipher::newCipher);

    private final Map<String, SecretKey> keys;
    private final AtomicReference<String> activeKeyId;
    private final SecureRandom random;

    /** Takes copies of the 32-byte keys; {@code activeKeyId} must be one of them. */
    public RecordCipher(Map<String, byte[]> keys, String activeKeyId, SecureRandom random) {
        Map<String, SecretKey> copy = new TreeMap<>();
        keys.forEach((id, key) -> copy.put(id, new SecretKeySpec(key, "AES")));
        this.keys = Collections.unmodifiableMap(copy);
        this.random = random;
        this.activeKeyId = new AtomicReference<>(requireKnown(activeKeyId));
    }

    /** The id of the key new records are sealed with. */
    public String activeKeyId() {
        return activeKeyId.get();
    }

    /** Makes {@code keyId} the key for new records. */
    public void activate(String keyId) {
        activeKeyId.set(requireKnown(keyId));
    }

    /** Throws {@link KeyNotConfiguredException} unless {@code keyId} is configured. */
    public String requireKnown(String keyId) {
        if (!keys.containsKey(keyId)) {
            throw new KeyNotConfiguredException("encryption key id '" + keyId
                    + "' is not configured (configured: " + keys.keySet() + ")");
        }
        return keyId;
    }

    /** The AAD for a record: a fixed prefix, then the parts, each length-prefixed (no ambiguity). */
    public static byte[] aad(String kind, Object... parts) {
        StringBuilder b = new StringBuilder(AAD_PREFIX).append('|').append(kind);
        for (Object part : parts) {
            String s = String.valueOf(part);
            b.append('|').append(s.length()).append(':').append(s);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Seals {@code plain} under the active key. */
    public Sealed seal(byte[] plain, byte[] aad) {
        return seal(activeKeyId.get(), plain, aad);
    }

    /** Seals {@code plain} under {@code keyId}. */
    public Sealed seal(String keyId, byte[] plain, byte[] aad) {
        SecretKey key = keys.get(requireKnown(keyId));
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] blob = Arrays.copyOf(iv, IV_BYTES + cipher.getOutputSize(plain.length));
            cipher.doFinal(plain, 0, plain.length, blob, IV_BYTES);
            return new Sealed(keyId, blob);
        } catch (GeneralSecurityException e) {
            throw new StoreException("AES-GCM encryption failed: " + e, e);
        }
    }

    /**
     * Opens a blob sealed under {@code keyId}.
     *
     * @param what names the record in errors (table and row id; never a biokey)
     * @throws KeyNotConfiguredException when {@code keyId} is not configured
     * @throws RecordIntegrityException when the blob was altered or belongs to another record
     */
    public byte[] open(String what, String keyId, byte[] blob, byte[] aad) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new KeyNotConfiguredException(what + ": encrypted with key id '" + keyId
                    + "', which is not configured (configured: " + keys.keySet() + ")");
        }
        if (blob == null || blob.length < IV_BYTES + TAG_BITS / 8) {
            throw new RecordIntegrityException(what + ": sealed blob of " + (blob == null ? 0 : blob.length)
                    + " bytes (expected: >= " + (IV_BYTES + TAG_BITS / 8) + ")");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(blob, IV_BYTES, blob.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new RecordIntegrityException(what + ": authentication failed (record altered, corrupted,"
                    + " or moved from another row)", e);
        } catch (GeneralSecurityException e) {
            throw new StoreException(what + ": AES-GCM decryption failed: " + e, e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is required of every JDK", e);
        }
    }

    /** A sealed blob and the id of the key that sealed it. */
    public record Sealed(String keyId, byte[] blob) {
    }
}
