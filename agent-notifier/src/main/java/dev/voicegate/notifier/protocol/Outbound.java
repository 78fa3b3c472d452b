package dev.voicegate.notifier.protocol;

import java.util.Objects;

/**
 * One encoded message for an agent-app client. Immutable and shared by every client of an agent
 * (encoded once per publish).
 *
 * @param kind           what it is
 * @param conversationId the conversation it concerns, or null
 * @param coalesceKey    queued messages with the same non-null key are superseded by the newest
 * @param json           the text frame payload
 */
public record Outbound(Kind kind, String conversationId, String coalesceKey, String json) {

    /** Message kinds (the JSON {@code type} is the camel-case wire name). */
    public enum Kind {
        HELLO("hello"), SNAPSHOT("snapshot"), CONVERSATION("conversation"), PROGRESS("progress"),
        REMOVED("removed"), COMMAND_RESULT("commandResult"), ERROR("error"), PONG("pong");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public Outbound {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(json, "json");
    }
}
