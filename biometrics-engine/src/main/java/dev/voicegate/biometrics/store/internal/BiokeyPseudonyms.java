package dev.voicegate.biometrics.store.internal;

import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.config.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of biokeys: {@code HMAC-SHA256(pseudonymKey, UTF-8(biokey))}, 32 bytes, the only
 * form in which the store writes a biokey into an index or a lookup column. Deterministic (one key
 * per deployment) so every table can be probed by the pseudonym of the biokey the caller supplies;
 * without the key a pseudonym cannot be tested against a guessed phone number (a plain hash could:
 * the E.164 space is small enough to enumerate).
 *
 * <p>Where the key comes from is decided once per store and recorded in its {@code store_meta}
 * table with a check value ({@code HMAC(key, "voicegate.biometrics.store/pseudonym-check/v1")}):
 * either the configured {@link StoreConfig#pseudonymKey()} or a key derived from one encryption key
 * ({@link #derive}); see {@link StoreConfig} for the choice. Opening with another key fails.
 *
 * <p>Thread-safe ({@link Mac} instances are per thread).
 */
public final class BiokeyPseudonyms {

    /** Bytes of a pseudonym. */
    public static final int BYTES = 32;
    static final String SOURCE = "biokey_pseudonym_source";
    static final String CHECK = "biokey_pseudonym_check";
    static final String CONFIGURED = "configured";
    static final String DERIVED_PREFIX = "derived:";
    private static final byte[] DERIVATION_LABEL =
            "voicegate.biometrics.store/biokey-pseudonym-key/v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHECK_LABEL =
            "voicegate.biometrics.store/pseudonym-check/v1".getBytes(StandardCharsets.UTF_8);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final String derivedFrom;
    private final ThreadLocal<Mac> macs;

    private BiokeyPseudonyms(byte[] key, String derivedFrom) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.derivedFrom = derivedFrom;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A pseudonymiser with an explicit key (tests, migration tools). */
    public static BiokeyPseudonyms of(byte[] key) {
        return new BiokeyPseudonyms(key.clone(), null);
    }

    /** The pseudonymisation key derived from a 32-byte encryption key. */
    public static byte[] derive(byte[] encryptionKey) {
        return hmac(encryptionKey, DERIVATION_LABEL);
    }

    /**
     * The pseudonymiser recorded in the store's {@code store_meta} table, checked against the
     * configuration; when nothing is recorded yet and {@code initialise} is set, records the choice
     * for this configuration (the configured key, else derivation from the active encryption key).
     *
     * @throws StoreException naming the key setting (never key material) when the configuration does
     *                        not hold the key this store was pseudonymised with
     */
    public static BiokeyPseudonyms resolve(Connection c, StoreConfig config, boolean initialise) throws SQLException {
        Optional<String> source = meta(c, SOURCE);
        Optional<String> check = meta(c, CHECK);
        if (source.isEmpty() || check.isEmpty()) {
            if (!initialise) {
                throw new StoreException("store_meta: no biokey pseudonymisation key recorded (expected: schema V2"
                        + " or later sets it; the database was modified outside VoiceGate)");
            }
            BiokeyPseudonyms chosen = config.pseudonymKey() != null
                    ? new BiokeyPseudonyms(config.pseudonymKey(), null)
                    : new BiokeyPseudonyms(derive(config.key(config.activeKeyId())), config.activeKeyId());
            Sql.update(c, "INSERT INTO store_meta (name, value) VALUES (?, ?)", SOURCE,
                    chosen.derivedFrom == null ? CONFIGURED : DERIVED_PREFIX + chosen.derivedFrom);
            Sql.update(c, "INSERT INTO store_meta (name, value) VALUES (?, ?)", CHECK, chosen.checkValue());
            return chosen;
        }
        BiokeyPseudonyms found;
        if (config.pseudonymKey() != null) {
            found = new BiokeyPseudonyms(config.pseudonymKey(), null);
        } else if (source.get().startsWith(DERIVED_PREFIX)) {
            String keyId = source.get().substring(DERIVED_PREFIX.length());
            byte[] encryptionKey = config.key(keyId);
            if (encryptionKey == null) {
                throw new StoreException("biometrics.store.keys: key id '" + keyId + "' is not configured, but this"
                        + " store's biokey pseudonyms are derived from it (expected: keep key '" + keyId
                        + "' configured, even after re-encryption to another key)");
            }
            found = new BiokeyPseudonyms(derive(encryptionKey), keyId);
        } else {
            throw new StoreException("biometrics.pseudonymKey: not configured (expected: the key this store's"
                    + " biokeys were pseudonymised with)");
        }
        if (!MessageDigest.isEqual(found.checkValue().getBytes(StandardCharsets.US_ASCII),
                check.get().getBytes(StandardCharsets.US_ASCII))) {
            throw new StoreException((config.pseudonymKey() != null ? "biometrics.pseudonymKey"
                    : "biometrics.store.keys." + found.derivedFrom) + ": not the key this store's biokeys were"
                    + " pseudonymised with (check value differs; expected: the original key, "
                    + (source.get().equals(CONFIGURED) ? "a configured biometrics.pseudonymKey"
                    : "derived from encryption key id '" + source.get().substring(DERIVED_PREFIX.length()) + "'")
                    + ")");
        }
        return found;
    }

    private static Optional<String> meta(Connection c, String name) throws SQLException {
        if (Sql.isPostgres(c)
                ? !Sql.exists(c, "SELECT 1 WHERE to_regclass('store_meta') IS NOT NULL")
                : !Sql.exists(c, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'")) {
            return Optional.empty();
        }
        return Sql.queryOne(c, "SELECT value FROM store_meta WHERE name = ?", rs -> rs.getString(1), name);
    }

    /** The pseudonym of {@code biokey}. */
    public byte[] pseudonym(String biokey) {
        return macs.get().doFinal(biokey.getBytes(StandardCharsets.UTF_8));
    }

    /** The pseudonym as lower-case hex (used inside AADs). */
    public static String hex(byte[] pseudonym) {
        return HexFormat.of().formatHex(pseudonym);
    }

    /** Whether {@code value} is a pseudonym as {@link #hex} writes it: {@value #BYTES} bytes in lower-case hex. */
    public static boolean isHex(String value) {
        if (value == null || value.length() != 2 * BYTES) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The pseudonym's bytes from {@link #hex}'s form. @throws IllegalArgumentException when it is not that form */
    public static byte[] fromHex(String value) {
        if (!isHex(value)) {
            throw new IllegalArgumentException("pseudonym: " + (value == null ? "null" : value.length() + " characters")
                    + " (expected: " + 2 * BYTES + " lower-case hex digits)");
        }
        return HexFormat.of().parseHex(value);
    }

    /** The id of the encryption key the pseudonymisation key is derived from, if it is derived. */
    public Optional<String> derivedFrom() {
        return Optional.ofNullable(derivedFrom);
    }

    String checkValue() {
        return hex(macs.get().doFinal(CHECK_LABEL));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every JDK", e);
        }
    }
}
