package dev.voicegate.notifier.api;

import java.util.Objects;

/**
 * A token was presented but is not acceptable; maps to HTTP 401 on the WebSocket upgrade.
 * The message never contains the token.
 */
public final class TokenRejectedException extends RuntimeException {

    /** Why a token was rejected (a low-cardinality metric tag). */
    public enum Reason { MALFORMED, BAD_SIGNATURE, EXPIRED, UNKNOWN_TOKEN, NOT_PERMITTED }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
