package dev.voicegate.notifier.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited agent command and its outcome. Holds no customer PII: the claimed id of a
 * SET_CLAIMED_ID command is deliberately not part of it.
 *
 * @param at             when the outcome was decided (injected clock)
 * @param userId         the sender's user id
 * @param type           the command type, or null when the command could not be parsed that far
 * @param conversationId the conversation, or null when absent from the command
 * @param requestId      the client's request id, or null when absent
 * @param outcome        {@code ACCEPTED}, {@code REFUSED} or {@code FAILED}
 * @param reason         the refusal or failure reason, or null
 */
public record AuditRecord(Instant at, String userId, CommandType type, String conversationId,
                          String requestId, Outcome outcome, String reason) {

    /** How a command ended. */
    public enum Outcome { ACCEPTED, REFUSED, FAILED }

    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
