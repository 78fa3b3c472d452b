package dev.voicegate.biometrics.store.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * One announcement on {@link Database#INDEX_CHANNEL}: {@code <writer's epoch millis>:<kind>:<id>}, where kind
 * {@code v} names a voiceprint by the biokey's keyed pseudonym (64 hex digits) and kind {@code b} names a blocklist by
 * its id (at most {@value Checks#MAX_KEY_CHARS} characters, so the payload stays far below PostgreSQL's 8,000-byte
 * limit). Never a clear biokey. The time is the writer's clock when the write ran (for the apply-lag metric only).
 */
public record IndexNotice(Kind kind, String id, Instant writtenAt) {

    /** What the notice names. */
    public enum Kind {
        VOICEPRINT('v'), BLOCKLIST('b');

        private final char code;

        Kind(char code) {
            this.code = code;
        }
    }

    public static IndexNotice voiceprint(String pseudonym, Instant at) {
        return new IndexNotice(Kind.VOICEPRINT, pseudonym, at);
    }

    public static IndexNotice blocklist(String listId, Instant at) {
        return new IndexNotice(Kind.BLOCKLIST, listId, at);
    }

    /** The NOTIFY payload. */
    public String payload() {
        return writtenAt.toEpochMilli() + ":" + kind.code + ":" + id;
    }

    /** Parses a payload; empty when it is not one this version understands. */
    public static Optional<IndexNotice> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        String[] parts = payload.split(":", 3);
        if (parts.length != 3 || parts[1].length() != 1 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        long millis;
        try {
            millis = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        for (Kind k : Kind.values()) {
            if (k.code == parts[1].charAt(0)) {
                if (k == Kind.VOICEPRINT && !BiokeyPseudonyms.isHex(parts[2])) {
                    return Optional.empty();
                }
                return Optional.of(new IndexNotice(k, parts[2], Instant.ofEpochMilli(millis)));
            }
        }
        return Optional.empty();
    }
}
