package dev.voicegate.audiohook.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 (RFC 2104) over UTF-8 text. Stateless and thread-safe (a new {@link Mac} per call). */
final class HmacSha256 {

    /**
     * HMAC zero-pads keys shorter than the 64-byte block, so an empty key is the same as 64 zero bytes.
     * The JCE refuses empty keys, hence this substitute (fact sheet §1.2, "empty secret that is signed").
     */
    private static final byte[] EMPTY_KEY_EQUIVALENT = new byte[64];

    private HmacSha256() {
    }

    static byte[] mac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? EMPTY_KEY_EQUIVALENT : key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide HmacSHA256, and any non-empty key is acceptable.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
