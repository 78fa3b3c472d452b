package dev.voicegate.genesys.api;

import dev.voicegate.genesys.internal.Pii;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A typed change of one monitored agent's presence on a voice conversation, derived from a
 * {@code v2.users.{userId}.conversations} notification (fact sheet §4) or from a REST snapshot.
 * Emitted once per state transition: repeated snapshots with the same state are deduplicated.
 * Immutable.
 *
 * @param conversationId        the Genesys conversation id (= AudioHook {@code open.conversationId})
 * @param agentUserId           the agent's user id
 * @param kind                  connected or ended
 * @param agentParticipantId    the agent's active (or last) participant id on the conversation
 * @param customerParticipantId the customer participant id, or null if there is none
 * @param customerAni           the customer's address (e.g. {@code tel:+353...}), or null; PII, mask it in logs
 * @param dnis                  the dialled number, or null
 * @param attributes            the customer participant's attributes (never null)
 * @param eventTime             when Genesys says it happened (falls back to {@code receivedAt})
 * @param receivedAt            when this client received it (injected clock)
 */
public record ConversationEvent(String conversationId, String agentUserId, Kind kind, String agentParticipantId,
                                String customerParticipantId, String customerAni, String dnis,
                                Map<String, String> attributes, Instant eventTime, Instant receivedAt) {

    /** What happened to the agent on the conversation. */
    public enum Kind {
        /** The agent's call leg is connected (answered). */
        AGENT_CONNECTED,
        /** The agent's connected leg ended (hang-up, transfer away, or end of conversation). */
        AGENT_ENDED
    }

    public ConversationEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentUserId, "agentUserId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedAt, "receivedAt");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        eventTime = eventTime == null ? receivedAt : eventTime;
    }

    /** Masks the ANI so the event can be logged. */
    @Override
    public String toString() {
        return "ConversationEvent[conv=" + conversationId + ", agent=" + agentUserId + ", kind=" + kind
                + ", agentParticipant=" + agentParticipantId + ", customerParticipant=" + customerParticipantId
                + ", ani=" + Pii.maskAddress(customerAni) + ", dnis=" + dnis + ", attributes=" + attributes.keySet()
                + ", eventTime=" + eventTime + ", receivedAt=" + receivedAt + "]";
    }
}
