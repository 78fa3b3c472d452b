package dev.voicegate.core.tx;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lifecycle of one transaction (issue #5 §1). One transition table; terminal states absorb nothing
 * (callers check {@link #terminal()} before moving).
 *
 * <pre>
 * REQUESTED → RESUMING → LISTENING → DECIDING → COMPLETED
 *     │           │           │           └────→ FAILED
 *     └───────────┴───────────┴──→ CANCELLED | FAILED
 * </pre>
 * REQUESTED → LISTENING directly when the stream already flows (another transaction just ended).
 */
public enum TxState {
    REQUESTED, RESUMING, LISTENING, DECIDING, COMPLETED, FAILED, CANCELLED;

    private static final Map<TxState, Set<TxState>> NEXT = Map.of(
            REQUESTED, EnumSet.of(RESUMING, LISTENING, CANCELLED, FAILED),
            RESUMING, EnumSet.of(LISTENING, CANCELLED, FAILED),
            LISTENING, EnumSet.of(DECIDING, CANCELLED, FAILED),
            DECIDING, EnumSet.of(COMPLETED, FAILED),
            COMPLETED, EnumSet.noneOf(TxState.class),
            FAILED, EnumSet.noneOf(TxState.class),
            CANCELLED, EnumSet.noneOf(TxState.class));

    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canTransitionTo(TxState next) {
        return NEXT.get(this).contains(next);
    }

    /** @throws IllegalStateException {@code "state: A -> B (expected: C|D)"} when not allowed */
    public TxState transitionTo(TxState next) {
        if (!canTransitionTo(next)) {
            String expected = NEXT.get(this).stream().map(Enum::name).collect(Collectors.joining("|"));
            throw new IllegalStateException("state: " + this + " -> " + next + " (expected: " + (expected.isEmpty() ? "none" : expected) + ")");
        }
        return next;
    }
}
