package dev.voicegate.core.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Bearer-token check of the admin API. The configured token is kept only as its SHA-256 digest and a
 * presented token is compared digest to digest with {@link MessageDigest#isEqual} (constant time, and
 * independent of the presented token's length). {@link #tokenId()} names the token in audit records
 * without revealing it (the first 8 hex digits of the digest).
 */
final class AdminAuth {
    static final String REALM = "voicegate-admin";

    private final byte[] digest;
    private final String tokenId;

    AdminAuth(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("admin.token: empty (expected: a token; without one the admin API is off)");
        }
        this.digest = sha256(token);
        this.tokenId = "token-" + HexFormat.of().formatHex(digest, 0, 4);
    }

    /** The outcome of one check. */
    enum Result { OK, MISSING, INVALID }

    /** Checks an {@code Authorization} header value (null when absent). */
    Result check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Result.MISSING;
        }
        String v = authorization.strip();
        if (v.length() < 7 || !v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Result.INVALID;
        }
        byte[] presented = sha256(v.substring(7).strip());
        return MessageDigest.isEqual(digest, presented) ? Result.OK : Result.INVALID;
    }

    /** The {@code WWW-Authenticate} challenge for a refusal (RFC 6750 §3). */
    static String challenge(Result r) {
        return r == Result.MISSING ? "Bearer realm=\"" + REALM + "\""
                : "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"";
    }

    String tokenId() {
        return tokenId;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
