package dev.voicegate.core.gating;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * REST fallback for when the notification stream may have missed an event:
 * {@code GET /api/v2/conversations/{id}} turned into "which agent is connected".
 */
public interface ConversationLookup {
    /**
     * @return the connected-agent event for the conversation if any agent is connected on it now
     *         (the correlator checks whether that agent is monitored); empty when none or not found
     */
    CompletionStage<Optional<AgentConversationEvent>> connectedAgent(String conversationId);
}
