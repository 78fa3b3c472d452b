package dev.voicegate.audiohook.auth;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One AudioHook API key and its client secret (fact sheet §1.2). Immutable; {@link #toString()} masks
 * the secret.
 *
 * @param key    the API key the client sends in {@code X-API-KEY}; must match
 *               {@code ^[a-zA-Z0-9+/_-]+={0,2}$} (the reference client's rule)
 * @param secret the client secret, base64 (standard or URL-safe alphabet); {@code ""} means unsigned
 *               requests with this key are accepted (and a signed one is verified with the empty key).
 *               {@code null} is refused so that forgetting the secret never silently allows unsigned access.
 */
public record ApiKeyConfig(String key, String secret) {

    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9+/_-]+={0,2}");

    public ApiKeyConfig {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("audiohook.apiKeys.key: " + (key == null ? "null" : "\"" + key + "\"")
                    + " (expected: ^[a-zA-Z0-9+/_-]+={0,2}$)");
        }
        if (secret == null) {
            throw new IllegalArgumentException("audiohook.apiKeys.secret: null for key " + mask(key)
                    + " (expected: base64, or \"\" to allow unsigned requests)");
        }
        decode(key, secret);
    }

    /** The HMAC key: the base64-decoded secret (empty when the secret is {@code ""}). A fresh copy. */
    public byte[] secretBytes() {
        return decode(key, secret);
    }

    /** True when unsigned requests with this key are accepted. */
    public boolean allowsUnsigned() {
        return secret.isEmpty();
    }

    @Override
    public String toString() {
        return "ApiKeyConfig[key=" + mask(key) + ", secret=" + (secret.isEmpty() ? "\"\"" : "<redacted>") + "]";
    }

    /** Keeps the first four characters of an API key, enough to tell keys apart in logs. */
    static String mask(String key) {
        return key.length() <= 4 ? "****" : key.substring(0, 4) + "****";
    }

    private static byte[] decode(String key, String secret) {
        try {
            return Base64.getDecoder().decode(secret);
        } catch (IllegalArgumentException standard) {
            try {
                return Base64.getUrlDecoder().decode(secret);
            } catch (IllegalArgumentException urlSafe) {
                throw new IllegalArgumentException("audiohook.apiKeys.secret: <redacted, " + secret.length()
                        + " characters> for key " + mask(key) + " (expected: base64)", null);
            }
        }
    }
}
