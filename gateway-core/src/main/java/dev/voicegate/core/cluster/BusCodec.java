package dev.voicegate.core.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Turns bus messages into NOTIFY payloads and back: JSON, deflated, sealed with AES-256-GCM under a key derived from
 * the store's encryption key (HMAC-SHA256 of the key and a fixed label, so the bus never uses the voiceprint key
 * itself), base64. A payload is {@code <keyId>.<base64(nonce ‖ ciphertext)>}; the key id lets instances rotate keys
 * as the store does. Events carry phone numbers and claimed ids: sealed, the database server and anyone who can
 * LISTEN see only ciphertext.
 */
final class BusCodec {
    /** PostgreSQL's NOTIFY payload limit is 8,000 bytes; larger messages are refused (counted by the bus). */
    static final int MAX_PAYLOAD = 7_900;
    private static final byte[] LABEL = "voicegate cluster bus v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    BusCodec(Map<String, byte[]> storeKeys, String activeKeyId) {
        if (!storeKeys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active key '" + activeKeyId + "' is not among " + storeKeys.keySet());
        }
        storeKeys.forEach((id, k) -> keys.put(id, new SecretKeySpec(derive(k), "AES")));
        this.activeKeyId = activeKeyId;
    }

    private static byte[] derive(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The sealed payload of {@code message}. */
    String seal(ObjectNode message) {
        try {
            byte[] plain = deflate(JSON.writeValueAsBytes(message));
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(activeKeyId.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(plain);
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return activeKeyId + "." + Base64.getEncoder().encodeToString(out);
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a bus message: " + e.getMessage(), e);
        }
    }

    /**
     * The message of a payload.
     *
     * @throws BadMessageException naming what is wrong (unknown key id, failed authentication, not JSON)
     */
    JsonNode open(String payload) {
        int dot = payload.indexOf('.');
        if (dot <= 0) {
            throw new BadMessageException("no key id (expected <keyId>.<base64>)");
        }
        String keyId = payload.substring(0, dot);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new BadMessageException("sealed with key '" + keyId + "', which this instance does not have (expected one of "
                    + keys.keySet() + ": every instance needs the same biometrics.encryptionKeys)");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(payload.substring(dot + 1));
            if (raw.length < NONCE + TAG_BITS / 8) {
                throw new BadMessageException("too short (" + raw.length + " bytes)");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE));
            c.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            JsonNode n = JSON.readTree(inflate(c.doFinal(raw, NONCE, raw.length - NONCE)));
            if (n == null || !n.isObject()) {
                throw new BadMessageException("not a JSON object");
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw new BadMessageException("not base64: " + e.getMessage());
        } catch (javax.crypto.AEADBadTagException e) {
            throw new BadMessageException("authentication failed (tampered, or another cluster's key with the same id)");
        } catch (GeneralSecurityException | java.io.IOException | DataFormatException e) {
            throw new BadMessageException(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static byte[] deflate(byte[] in) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(in);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 16);
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Inflates at most 1 MiB (a hostile payload cannot expand without bound). */
    private static byte[] inflate(byte[] in) throws DataFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3);
            byte[] buf = new byte[4096];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new DataFormatException("truncated deflate stream");
                }
                out.write(buf, 0, n);
                if (out.size() > 1 << 20) {
                    throw new DataFormatException("inflates beyond 1 MiB");
                }
            }
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }

    /** A payload that is not a message of this cluster. */
    static final class BadMessageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadMessageException(String message) {
            super(message);
        }
    }
}
