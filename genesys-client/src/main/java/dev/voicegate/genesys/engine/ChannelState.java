package dev.voicegate.genesys.engine;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Lifecycle of one Genesys notification channel (fact sheet §3e): created, subscribed, its socket
 * connected and proven live by a heartbeat or pong, then possibly reconnecting its socket, until it
 * is closed (replaced by a rotation, failed, or the service closed). {@link #CLOSED} is terminal and
 * absorbs later transitions.
 */
public enum ChannelState {
    /** Not started. */
    NEW,
    /** {@code POST /api/v2/notifications/channels} in flight. */
    CREATING,
    /** {@code PUT …/subscriptions} with the full topic set in flight. */
    SUBSCRIBING,
    /** WebSocket opening, waiting for the first heartbeat/pong. */
    CONNECTING,
    /** Socket live; events flow. */
    ACTIVE,
    /** A new socket to the same {@code connectUri} is opening (old one kept until it is live). */
    RECONNECTING,
    /** Done; sockets closed. */
    CLOSED;

    private static final Map<ChannelState, Set<ChannelState>> ALLOWED = Map.of(
            NEW, EnumSet.of(CREATING, CLOSED),
            CREATING, EnumSet.of(SUBSCRIBING, CLOSED),
            SUBSCRIBING, EnumSet.of(CONNECTING, CLOSED),
            CONNECTING, EnumSet.of(ACTIVE, CLOSED),
            ACTIVE, EnumSet.of(RECONNECTING, CLOSED),
            RECONNECTING, EnumSet.of(ACTIVE, CLOSED),
            CLOSED, EnumSet.noneOf(ChannelState.class));

    /** States reachable from this one. */
    public Set<ChannelState> allowedNext() {
        return ALLOWED.get(this);
    }

    public boolean terminal() {
        return this == CLOSED;
    }

    /**
     * Moves {@code ref} to {@code next} by compare-and-set.
     *
     * @return true if moved, false if {@code ref} was already terminal (the change is absorbed)
     * @throws IllegalStateException {@code "state: ACTIVE -> CREATING (expected: RECONNECTING|CLOSED)"}
     */
    public static boolean transition(AtomicReference<ChannelState> ref, ChannelState next) {
        while (true) {
            ChannelState current = ref.get();
            if (current.terminal()) {
                return false;
            }
            if (!current.allowedNext().contains(next)) {
                throw new IllegalStateException("state: " + current + " -> " + next + " (expected: "
                        + current.allowedNext().stream().map(Enum::name).collect(Collectors.joining("|")) + ")");
            }
            if (ref.compareAndSet(current, next)) {
                return true;
            }
        }
    }
}
