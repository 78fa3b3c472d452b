package dev.voicegate.core.gating;

import java.time.Duration;

/**
 * @param matchTimeout how long a paused stream waits for a monitored agent's event
 * @param eventTtl     how long an event waits for its stream
 * @param maxPending   bound on waiting streams and on remembered events (each); beyond it new
 *                     streams are disconnected and the oldest events forgotten
 * @param fallbackLead how long before {@code matchTimeout} the REST fallback looks the conversation up
 */
public record CorrelatorConfig(Duration matchTimeout, Duration eventTtl, int maxPending, Duration fallbackLead) {
    public CorrelatorConfig {
        if (matchTimeout.isNegative() || matchTimeout.isZero()) {
            throw new IllegalArgumentException("matchTimeout: " + matchTimeout + " (expected: > 0)");
        }
        if (maxPending <= 0) {
            throw new IllegalArgumentException("maxPending: " + maxPending + " (expected: > 0)");
        }
    }

    /** The lead used when not given: a third of the match timeout, at most 3 s. */
    public static Duration defaultLead(Duration matchTimeout) {
        Duration third = matchTimeout.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(3)) > 0 ? Duration.ofSeconds(3) : third;
    }
}
