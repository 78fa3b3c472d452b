package dev.voicegate.notifier;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Lifecycle of {@link AgentNotifierServer}; one transition table. STOPPED is terminal. */
public enum ServerState {
    NEW, STARTING, RUNNING, STOPPING, STOPPED;

    private static final Map<ServerState, Set<ServerState>> NEXT = Map.of(
            NEW, EnumSet.of(STARTING, STOPPED),
            STARTING, EnumSet.of(RUNNING, STOPPING),
            RUNNING, EnumSet.of(STOPPING),
            STOPPING, EnumSet.of(STOPPED),
            STOPPED, EnumSet.noneOf(ServerState.class));

    /** Whether {@code next} may follow this state. */
    public boolean canTransitionTo(ServerState next) {
        return NEXT.get(this).contains(next);
    }

    /** Returns {@code next} or throws {@code IllegalStateException("state: A -> B (expected: C|D)")}. */
    public ServerState transitionTo(ServerState next) {
        if (!canTransitionTo(next)) {
            String expected = NEXT.get(this).isEmpty() ? "none, terminal"
                    : Arrays.stream(values()).filter(NEXT.get(this)::contains).map(Enum::name)
                    .collect(Collectors.joining("|"));
            throw new IllegalStateException("state: " + this + " -> " + next + " (expected: " + expected + ")");
        }
        return next;
    }
}
