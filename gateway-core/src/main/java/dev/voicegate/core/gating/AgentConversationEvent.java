package dev.voicegate.core.gating;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the correlator needs from one Genesys conversation event (genesys-api.md §4), in core's terms.
 *
 * @param conversationId        the Genesys conversation id (= AudioHook {@code open.conversationId})
 * @param agentUserId           the agent whose topic carried the event
 * @param connected             true: the agent is connected on the conversation; false: their leg ended
 * @param customerParticipantId the customer participant id, or null
 * @param customerAni           the customer's number as Genesys gave it (never logged unmasked), or null
 * @param attributes            the customer participant's attributes (e.g. an IVR-collected customer id)
 * @param eventTime             when Genesys says the change happened (may be null)
 * @param receivedAt            when we received it
 */
public record AgentConversationEvent(String conversationId, String agentUserId, boolean connected,
                                     String customerParticipantId, String customerAni, Map<String, String> attributes,
                                     Instant eventTime, Instant receivedAt) {
    public AgentConversationEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agentUserId, "agentUserId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
