package dev.voicegate.notifier.api;

import java.util.Objects;

/**
 * A validated, authorised command from the agent app, handed to {@link AgentCommandListener}.
 * By the time a listener sees it: the sender is the bound agent of {@code conversationId},
 * {@code ENROLL} carries consent, {@code SET_CLAIMED_ID} carries a claimed id, and
 * {@code REPORT_FRAUD} comes from a supervisor.
 *
 * @param requestId      the client's idempotency key (unique per user); 1..64 chars
 * @param type           what to do
 * @param conversationId the conversation it applies to
 * @param consent        the caller's explicit consent (meaningful for ENROLL)
 * @param claimedId      the new claimed identity for SET_CLAIMED_ID, else null. It is PII: never log it
 */
public record AgentCommand(String requestId, CommandType type, String conversationId, boolean consent,
                           String claimedId) {

    public AgentCommand {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(conversationId, "conversationId");
    }
}
