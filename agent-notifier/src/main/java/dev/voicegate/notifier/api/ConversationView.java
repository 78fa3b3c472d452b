package dev.voicegate.notifier.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The full state of one conversation for its bound agent; each publish replaces the previous one.
 *
 * @param conversationId the Genesys conversation id
 * @param claimed        the claimed identity, or null when there is none
 * @param identityState  ANONYMOUS, RECOGNIZED or AUTHENTICATED
 * @param agentDecision  the agent's recorded decision, or null when none
 * @param current        the running (or most recent) transaction, or null
 * @param history        the call's transactions, oldest first (at most {@value #MAX_LIST} entries)
 * @param alerts         alerts raised on this call (at most {@value #MAX_LIST} entries)
 * @param updatedAt      when gateway-core produced this view
 */
public record ConversationView(String conversationId, ClaimedIdentity claimed, IdentityState identityState,
                               AgentDecision agentDecision, TransactionView current,
                               List<TransactionView> history, List<AlertView> alerts, Instant updatedAt) {

    /** Bound on {@link #history} and {@link #alerts}: a larger view is a caller bug. */
    public static final int MAX_LIST = 100;

    public ConversationView {
        if (conversationId == null || conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId: '" + conversationId + "' (expected: non-blank)");
        }
        Objects.requireNonNull(identityState, "identityState");
        Objects.requireNonNull(updatedAt, "updatedAt");
        history = List.copyOf(history == null ? List.of() : history);
        alerts = List.copyOf(alerts == null ? List.of() : alerts);
        if (history.size() > MAX_LIST) {
            throw new IllegalArgumentException("history: " + history.size() + " entries (expected: <= " + MAX_LIST + ")");
        }
        if (alerts.size() > MAX_LIST) {
            throw new IllegalArgumentException("alerts: " + alerts.size() + " entries (expected: <= " + MAX_LIST + ")");
        }
    }
}
