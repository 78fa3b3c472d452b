package dev.voicegate.audiohook.api;

import java.util.Locale;

/**
 * An AudioHook audio channel (fact sheet §4). {@code EXTERNAL} is the customer or remote party,
 * {@code INTERNAL} the agent / Genesys side.
 */
public enum Channel {
    /** The customer or remote party ({@code "external"} on the wire). */
    EXTERNAL,
    /** The agent or Genesys side ({@code "internal"} on the wire). */
    INTERNAL;

    /** The wire name, e.g. {@code "external"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException when {@code name} is not {@code external} or {@code internal}
     */
    public static Channel fromWire(String name) {
        if ("external".equals(name)) {
            return EXTERNAL;
        }
        if ("internal".equals(name)) {
            return INTERNAL;
        }
        throw new IllegalArgumentException("channel: " + name + " (expected: external|internal)");
    }
}
