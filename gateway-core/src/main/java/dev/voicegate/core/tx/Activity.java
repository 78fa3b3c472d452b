package dev.voicegate.core.tx;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened on a call, as a line an operator (or the demo) can read. Never carries
 * personal data: claimed identities are masked, scores are not tied to a biokey.
 *
 * @param at             when
 * @param conversationId the conversation (opaque Genesys id), or null
 * @param agentUserId    the bound agent, or null
 * @param kind           what kind of event
 * @param text           a one-line description
 */
public record Activity(Instant at, String conversationId, String agentUserId, Kind kind, String text) {

    /** Kinds of activity. */
    public enum Kind { BOUND, UNBOUND, GATED_OUT, TX_STARTED, TX_COMPLETED, ALERT, COMMAND, ENROLLED }

    public Activity {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
