package dev.voicegate.notifier.api;

/**
 * What gateway-core calls to tell agents about their conversations. Thread-safe; never blocks
 * (messages go to bounded per-client queues).
 *
 * <p>Authorisation is driven by bindings: a conversation's views and progress reach only the agent
 * it is bound to, and only that agent may command it. Call {@link #bind} when the correlator binds
 * a conversation and {@link #unbind} when the call ends.
 */
public interface AgentNotifier {

    /**
     * Binds {@code conversationId} to {@code agentUserId} (re-binding to another agent moves it:
     * the previous agent's clients are told it is gone).
     *
     * @return false when the registry is at capacity ({@code limits.maxConversations}); counted
     */
    boolean bind(String conversationId, String agentUserId);

    /** Forgets a conversation; its agent's clients get a {@code removed} message. Idempotent. */
    void unbind(String conversationId);

    /**
     * Forgets a conversation whose biometrics ended abnormally; its agent's clients get a {@code removed} message
     * carrying {@code reason} (PII-free, shown to the agent, e.g. "call lost: …"). Idempotent.
     */
    default void unbind(String conversationId, String reason) {
        unbind(conversationId);
    }

    /**
     * Publishes the full state of one conversation to the bound agent's connected clients and keeps
     * it for snapshots of clients that connect later.
     *
     * @return false (and nothing is sent) unless {@code view.conversationId()} is bound to
     *         {@code agentUserId}
     */
    boolean publish(String agentUserId, ConversationView view);

    /**
     * Sends a cheap progress update; queued superseded updates of the same transaction are coalesced.
     *
     * @return false (and nothing is sent) unless the conversation is bound to {@code agentUserId}
     */
    boolean progress(String agentUserId, ProgressUpdate update);

    /** Number of agent-app clients currently connected for {@code agentUserId}. */
    int connectedClients(String agentUserId);
}
