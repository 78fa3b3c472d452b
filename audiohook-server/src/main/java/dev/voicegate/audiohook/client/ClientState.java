package dev.voicegate.audiohook.client;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lifecycle of an {@link AudioHookClient} session, modelled on the reference client (fact sheet §3.4).
 * One transition table; {@link #transitionTo} is the only way to move.
 */
public enum ClientState {
    /** TCP connect and WebSocket handshake. */
    CONNECTING,
    /** {@code open} sent, waiting for {@code opened}. */
    OPENING,
    /** {@code opened} received; streaming (or nothing to stream when no media was selected). */
    OPEN,
    /** Paused by the server ({@code paused} sent). */
    PAUSED,
    /** {@code close} sent, waiting for {@code closed}. */
    CLOSING,
    /** Connection gone. Terminal. */
    CLOSED;

    private static final Map<ClientState, Set<ClientState>> NEXT = Map.of(
            CONNECTING, EnumSet.of(OPENING, CLOSED),
            OPENING, EnumSet.of(OPEN, PAUSED, CLOSING, CLOSED),
            OPEN, EnumSet.of(PAUSED, CLOSING, CLOSED),
            PAUSED, EnumSet.of(OPEN, CLOSING, CLOSED),
            CLOSING, EnumSet.of(CLOSED),
            CLOSED, EnumSet.noneOf(ClientState.class));

    /** Whether {@code next} is a legal successor. */
    public boolean canTransitionTo(ClientState next) {
        return NEXT.get(this).contains(next);
    }

    /**
     * Returns {@code next} when legal.
     *
     * @throws IllegalStateException {@code "state: A -> B (expected: C|D)"} otherwise
     */
    public ClientState transitionTo(ClientState next) {
        if (!canTransitionTo(next)) {
            String expected = NEXT.get(this).stream().map(Enum::name).collect(Collectors.joining("|"));
            throw new IllegalStateException("state: " + this + " -> " + next
                    + " (expected: " + (expected.isEmpty() ? "none" : expected) + ")");
        }
        return next;
    }
}
