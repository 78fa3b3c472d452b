package dev.voicegate.core.genesys;

import dev.voicegate.core.directory.MemberSource;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.core.gating.ConversationLookup;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Everything core needs from a Genesys Cloud organisation, in core's terms. Production wires the
 * real {@code genesys-client} ({@link GenesysOrgPorts}); the demo wires an in-process simulated org.
 * Implementations are thread-safe and never block the caller.
 */
public interface OrgPorts extends AutoCloseable {

    /** Group and queue membership (the agent directory polls it). */
    MemberSource members();

    /** {@code GET /api/v2/conversations/{id}} as "which agent is connected" (the correlator's fallback). */
    ConversationLookup lookup();

    /** Conversation events of the monitored agents; {@link #setMonitoredAgents} says which. */
    void onEvents(Consumer<AgentConversationEvent> listener);

    /** Health of the event stream (true = healthy); called on every change. */
    void onHealth(Consumer<Boolean> listener);

    /** Whether the event stream is healthy now. */
    boolean healthy();

    /** The agents whose conversation events are wanted (subscriptions are reconciled to this set). */
    void setMonitoredAgents(Set<String> userIds);

    /** Starts the event stream. */
    void start();

    /** Sets participant attributes on a conversation (write-back); completes when Genesys accepted them. */
    CompletionStage<Void> writeAttributes(String conversationId, String participantId, Map<String, String> attributes);

    /**
     * The Genesys user behind a user access token (agent-app sign-in), or a failed stage with
     * {@link InvalidUserTokenException} when the token is not valid.
     */
    CompletionStage<OrgUser> userForToken(String bearerToken);

    /** A Genesys user. */
    record OrgUser(String id, String name) {
    }

    /** The token was refused by the organisation (HTTP 401). */
    final class InvalidUserTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidUserTokenException(String message) {
            super(message);
        }
    }

    @Override
    void close();
}
