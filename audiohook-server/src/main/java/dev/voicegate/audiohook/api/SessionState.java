package dev.voicegate.audiohook.api;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lifecycle of a server-side AudioHook session (fact sheet §3). One transition table; {@link
 * #transitionTo(SessionState)} is the only way to move. Pause/resume state changes only when the
 * client confirms ({@code paused}/{@code resumed}).
 *
 * <pre>
 * PREPARING -> OPENING -> ACTIVE <-> PAUSED -> CLOSING -> CLOSED
 * side states: SIGNALED_ERROR (we sent disconnect{error}), UNAUTHORIZED (disconnect{unauthorized}),
 * DISCONNECTED (the socket is gone; terminal, absorbs everything).
 * </pre>
 */
public enum SessionState {
    /** Upgraded; waiting for {@code open}. */
    PREPARING,
    /** {@code open} received; the open transaction runs. */
    OPENING,
    /** {@code opened} sent; audio may flow. */
    ACTIVE,
    /** The client confirmed {@code paused}. */
    PAUSED,
    /** {@code close} received; {@code closed} not yet sent. */
    CLOSING,
    /** {@code closed} sent; nothing more is sent. */
    CLOSED,
    /** We sent {@code disconnect{reason:error}}; waiting for the client's {@code close}. */
    SIGNALED_ERROR,
    /** We sent {@code disconnect{reason:unauthorized}}; waiting for the client's {@code close}. */
    UNAUTHORIZED,
    /** The connection is gone. Terminal. */
    DISCONNECTED;

    private static final Map<SessionState, Set<SessionState>> NEXT = Map.of(
            PREPARING, EnumSet.of(OPENING, CLOSING, SIGNALED_ERROR, UNAUTHORIZED, DISCONNECTED),
            OPENING, EnumSet.of(ACTIVE, CLOSING, SIGNALED_ERROR, UNAUTHORIZED, DISCONNECTED),
            ACTIVE, EnumSet.of(PAUSED, CLOSING, SIGNALED_ERROR, UNAUTHORIZED, DISCONNECTED),
            PAUSED, EnumSet.of(ACTIVE, CLOSING, SIGNALED_ERROR, UNAUTHORIZED, DISCONNECTED),
            CLOSING, EnumSet.of(CLOSED, DISCONNECTED),
            CLOSED, EnumSet.of(DISCONNECTED),
            SIGNALED_ERROR, EnumSet.of(CLOSING, DISCONNECTED),
            UNAUTHORIZED, EnumSet.of(CLOSING, DISCONNECTED),
            DISCONNECTED, EnumSet.noneOf(SessionState.class));

    /** Whether {@code next} is a legal successor of this state. */
    public boolean canTransitionTo(SessionState next) {
        return NEXT.get(this).contains(next);
    }

    /** The legal successors of this state. */
    public Set<SessionState> successors() {
        return EnumSet.copyOf(NEXT.get(this).isEmpty() ? EnumSet.noneOf(SessionState.class) : NEXT.get(this));
    }

    /**
     * Returns {@code next} when the move is legal.
     *
     * @throws IllegalStateException {@code "state: A -> B (expected: C|D)"} otherwise
     */
    public SessionState transitionTo(SessionState next) {
        if (!canTransitionTo(next)) {
            String expected = NEXT.get(this).stream().map(Enum::name).collect(Collectors.joining("|"));
            throw new IllegalStateException("state: " + this + " -> " + next
                    + " (expected: " + (expected.isEmpty() ? "none" : expected) + ")");
        }
        return next;
    }

    /** True once the session may no longer stream audio to the application. */
    public boolean isEnding() {
        return ordinal() >= CLOSING.ordinal();
    }
}
