package dev.voicegate.biometrics.engine;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lifecycle of an analysis: {@code ACTIVE} (audio is fed) → {@code FINISHED} (final result asked
 * for; no more audio) → {@code CLOSED}. {@code CLOSED} is terminal and absorbs a later close.
 */
public enum AnalysisState {
    ACTIVE, FINISHED, CLOSED;

    private static final Map<AnalysisState, Set<AnalysisState>> NEXT = Map.of(
            ACTIVE, EnumSet.of(FINISHED, CLOSED),
            FINISHED, EnumSet.of(CLOSED),
            CLOSED, EnumSet.of(CLOSED));

    /** Whether {@code next} may follow this state. */
    public boolean canTransitionTo(AnalysisState next) {
        return NEXT.get(this).contains(next);
    }

    /**
     * Returns {@code next} if allowed.
     *
     * @throws IllegalStateException {@code "state: A -> B (expected: C|D)"} otherwise
     */
    public AnalysisState transitionTo(AnalysisState next) {
        if (!canTransitionTo(next)) {
            throw new IllegalStateException("state: " + this + " -> " + next + " (expected: "
                    + NEXT.get(this).stream().map(Enum::name).collect(Collectors.joining("|")) + ")");
        }
        return next;
    }
}
