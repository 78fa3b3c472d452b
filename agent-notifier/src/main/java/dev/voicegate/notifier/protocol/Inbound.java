package dev.voicegate.notifier.protocol;

/** A decoded message from the agent app. */
public sealed interface Inbound permits Inbound.CommandRequest, Inbound.Ping {

    /**
     * A command as sent, not yet validated (see {@code CommandValidator}).
     *
     * @param requestId      client idempotency key (may be null/invalid: validated later)
     * @param command        command name (may be unknown: validated later)
     * @param conversationId target conversation
     * @param consent        consent flag (ENROLL)
     * @param claimedId      new claimed id (SET_CLAIMED_ID); PII, never logged
     */
    record CommandRequest(String requestId, String command, String conversationId, boolean consent,
                          String claimedId) implements Inbound {
    }

    /** Application-level keep-alive (browsers cannot send WebSocket pings); answered with pong. */
    record Ping() implements Inbound {
    }
}
