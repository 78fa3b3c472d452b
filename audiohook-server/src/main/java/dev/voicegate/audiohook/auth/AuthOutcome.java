package dev.voicegate.audiohook.auth;

import java.util.Objects;

/**
 * The decision on an AudioHook upgrade request. Immutable.
 *
 * @param accepted whether the request may proceed
 * @param result   the signature result; for a signature that matched but is refused by policy (replayed
 *                 nonce, organisation not allowed) it is the refusal's code ({@code FAILED},
 *                 {@code PRECONDITION}), so {@code accepted} is true only with {@code VERIFIED} or
 *                 {@code UNSIGNED}
 * @param apiKey   the configured API key the request presented, or {@code null} when the key is
 *                 missing or unknown
 * @param info     {@code "<CODE>: <reason>"}, short and operator-readable, without secrets, signature
 *                 values or unmasked keys (e.g. {@code "EXPIRED: signature created 12s ago (max age 10s,
 *                 clock skew 3s)"}); at most {@value #MAX_INFO_LENGTH} characters
 */
public record AuthOutcome(boolean accepted, SignatureResult result, String apiKey, String info) {

    /** Longest {@link #info()}: reasons may quote client-supplied names, which are cut here. */
    public static final int MAX_INFO_LENGTH = 200;

    public AuthOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(info, "info");
        if (accepted && result != SignatureResult.VERIFIED && result != SignatureResult.UNSIGNED) {
            throw new IllegalArgumentException("result: " + result + " (expected: VERIFIED|UNSIGNED when accepted)");
        }
        if (info.length() > MAX_INFO_LENGTH) {
            info = info.substring(0, MAX_INFO_LENGTH - 3) + "...";
        }
    }

    static AuthOutcome accept(SignatureResult result, String apiKey, String reason) {
        return new AuthOutcome(true, result, apiKey, result + ": " + reason);
    }

    static AuthOutcome reject(SignatureResult result, String apiKey, String reason) {
        return new AuthOutcome(false, result, apiKey, result + ": " + reason);
    }

    /**
     * What to tell an unauthenticated peer: the result code only ({@code "FAILED"}), which does not
     * reveal, for instance, whether an API key exists. {@link #info()} is for operators' logs; sending
     * it to the client instead mirrors the reference implementation.
     */
    public String clientInfo() {
        return result.name();
    }
}
