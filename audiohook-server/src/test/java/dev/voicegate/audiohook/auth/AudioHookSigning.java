package dev.voicegate.audiohook.auth;

import static dev.voicegate.audiohook.auth.Vectors.*;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-side signer written independently of the production code: builds the AudioHook signature
 * base by hand from literal text, so tests can sign with any parameter text (short nonces, odd
 * created values) and do not trust the code under test to sign.
 */
final class AudioHookSigning {

    private static final String COMPONENTS = "(\"@request-target\" \"@authority\" \"audiohook-organization-id\" "
            + "\"audiohook-session-id\" \"audiohook-correlation-id\" \"x-api-key\")";

    private AudioHookSigning() {
    }

    /** The standard request headers with {@code x-api-key = apiKey}, signed over {@code params} with {@code secret}. */
    static UpgradeRequest request(String apiKey, String secretBase64, String params) {
        return request(apiKey, ORG, secretBase64, params);
    }

    static UpgradeRequest request(String apiKey, String org, String secretBase64, String params) {
        String base = String.join("\n",
                "\"@request-target\": " + TARGET,
                "\"@authority\": " + HOST,
                "\"audiohook-organization-id\": " + org,
                "\"audiohook-session-id\": " + SESSION,
                "\"audiohook-correlation-id\": " + CORRELATION,
                "\"x-api-key\": " + apiKey,
                "\"@signature-params\": " + COMPONENTS + params);
        Map<String, List<String>> h = unsigned(apiKey, org);
        h.put("signature-input", List.of("sig1=" + COMPONENTS + params));
        h.put("signature", List.of("sig1=:" + hmac(Base64.getDecoder().decode(secretBase64), base) + ":"));
        return new UpgradeRequest("GET", TARGET, null, h);
    }

    static Map<String, List<String>> unsigned(String apiKey, String org) {
        Map<String, List<String>> h = new LinkedHashMap<>(audioHookHeaders());
        h.put("x-api-key", List.of(apiKey));
        h.put("audiohook-organization-id", List.of(org));
        return h;
    }

    /** Typical parameters: the given keyid and nonce, created as given, expires 30 s later. */
    static String params(String keyid, String nonce, long created) {
        return ";keyid=\"" + keyid + "\";nonce=\"" + nonce + "\";alg=\"hmac-sha256\";created=" + created
                + ";expires=" + (created + 30);
    }

    private static String hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
