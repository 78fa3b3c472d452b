package dev.voicegate.biometrics.store.internal;

import java.time.Instant;
import java.util.Objects;

/** Validation shared by the store's records. Messages never echo a biokey (it may be a phone number). */
public final class Checks {

    public static final int MAX_KEY_CHARS = 256;
    public static final int MAX_TEXT_CHARS = 1024;
    public static final int MAX_BLOB_BYTES = 1 << 20;
    /** Earliest and latest instants the store can keep (epoch nanoseconds in a signed 64-bit column). */
    public static final Instant MIN_TIME = Instant.ofEpochSecond(Long.MIN_VALUE / 1_000_000_000L + 1);
    public static final Instant MAX_TIME = Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000_000L - 1);

    private Checks() {
    }

    /** A 1..256-character non-blank identifier (biokey, list id, actor, ...). */
    public static String key(String field, String value) {
        return chars(field, value, MAX_KEY_CHARS);
    }

    /** 1..1024 characters of non-blank text. */
    public static String text(String field, String value) {
        return chars(field, value, MAX_TEXT_CHARS);
    }

    /** Never echoes the value: it may be a phone number. */
    private static String chars(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(field + ": " + value.length() + " characters"
                    + (value.isBlank() ? ", blank" : "") + " (expected: 1.." + max + " non-blank characters)");
        }
        return value;
    }

    /** An instant the store can keep. */
    public static Instant time(String field, Instant value) {
        Objects.requireNonNull(value, field);
        if (value.isBefore(MIN_TIME) || value.isAfter(MAX_TIME)) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + MIN_TIME + " .. " + MAX_TIME + ")");
        }
        return value;
    }

    public static byte[] blob(String field, byte[] value) {
        Objects.requireNonNull(value, field);
        if (value.length == 0 || value.length > MAX_BLOB_BYTES) {
            throw new IllegalArgumentException(field + ": " + value.length
                    + " bytes (expected: 1.." + MAX_BLOB_BYTES + ")");
        }
        return value.clone();
    }

    public static int positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: >= 1)");
        }
        return value;
    }
}
