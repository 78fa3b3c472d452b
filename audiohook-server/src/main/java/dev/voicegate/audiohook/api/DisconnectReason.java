package dev.voicegate.audiohook.api;

import java.util.Locale;

/** Reasons of a server {@code disconnect} message (fact sheet §2.4). */
public enum DisconnectReason {
    /** Normal end requested by the server (e.g. not monitored, shutdown). */
    COMPLETED,
    /** Authentication or authorisation failed. */
    UNAUTHORIZED,
    /** A protocol or server error. */
    ERROR;

    /** The wire value, e.g. {@code "completed"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire value; throws {@link IllegalArgumentException} for anything else. */
    public static DisconnectReason fromWire(String value) {
        for (DisconnectReason r : values()) {
            if (r.wireName().equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("reason: " + value + " (expected: completed|unauthorized|error)");
    }
}
