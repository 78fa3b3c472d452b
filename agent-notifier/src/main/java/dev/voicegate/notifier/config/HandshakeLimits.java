package dev.voicegate.notifier.config;

import java.time.Duration;

/**
 * What a connection to the agent port may cost before it has sent a complete request (slowloris,
 * silent sockets, half-sent headers). Part of {@link NotifierConfig}. Immutable; validated, and each
 * message names the YAML key.
 *
 * @param handshakeTimeout               from TCP accept to a complete first request (head and body),
 *                                       and from each response on a kept-alive connection to the next
 *                                       complete request; a connection that has not sent one by then
 *                                       is closed. A WebSocket upgrade ends it: the socket's own limits
 *                                       apply from then on. 100 ms .. 5 min
 * @param maxPendingConnectionsPerSource connections of one source address that have not yet sent their
 *                                       first complete request; one more is closed at once
 */
public record HandshakeLimits(Duration handshakeTimeout, int maxPendingConnectionsPerSource) {

    /** Source addresses tracked at once by the pending-connection count; a new one beyond it is closed. */
    public static final int MAX_TRACKED_SOURCES = 100_000;

    public HandshakeLimits {
        if (handshakeTimeout == null || handshakeTimeout.compareTo(Duration.ofMillis(100)) < 0
                || handshakeTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("agent.handshakeTimeout: "
                    + (handshakeTimeout == null ? "null" : handshakeTimeout.toMillis() + "ms") + " (expected: 100ms..5m)");
        }
        if (maxPendingConnectionsPerSource < 1) {
            throw new IllegalArgumentException("agent.maxPendingConnectionsPerSource: " + maxPendingConnectionsPerSource
                    + " (expected: > 0)");
        }
    }

    /**
     * Defaults: 10 s, and 64 pending connections per source address (agents behind one NAT address open
     * their app and socket within the same seconds; a browser uses up to 6 connections).
     */
    public static HandshakeLimits defaults() {
        return new HandshakeLimits(Duration.ofSeconds(10), 64);
    }
}
