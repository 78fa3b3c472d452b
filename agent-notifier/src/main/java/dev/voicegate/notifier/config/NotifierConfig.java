package dev.voicegate.notifier.config;

import java.util.Objects;

/**
 * Where and how the agent notifier listens: one port serves the agent app ({@code /agent/}) and its
 * WebSocket ({@code /agent/ws}).
 *
 * @param host           bind address, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port           TCP port 0..65535; 0 picks a free port (see the server's {@code boundPort()})
 * @param limits         queue, connection and frame bounds
 * @param frameAncestors the CSP {@code frame-ancestors} source list for the app page: who may embed
 *                       it in an iframe (the Genesys Cloud UI for an Interaction Widget)
 * @param handshake      bounds of a connection before its first complete request (slowloris)
 */
public record NotifierConfig(String host, int port, NotifierLimits limits, String frameAncestors,
                             HandshakeLimits handshake) {

    /** Genesys Cloud UI origins (all regions) plus this server: lets the app run as an Interaction Widget. */
    public static final String GENESYS_FRAME_ANCESTORS =
            "'self' https://*.mypurecloud.com https://*.mypurecloud.com.au https://*.mypurecloud.de "
                    + "https://*.mypurecloud.ie https://*.mypurecloud.jp https://*.pure.cloud";

    public NotifierConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("agent.host: '" + host + "' (expected: non-blank address)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("agent.port: " + port + " (expected: 0..65535)");
        }
        Objects.requireNonNull(limits, "agent.limits");
        if (frameAncestors == null || frameAncestors.isBlank() || frameAncestors.matches(".*[;\\r\\n].*")) {
            throw new IllegalArgumentException("agent.frameAncestors: '" + frameAncestors
                    + "' (expected: a CSP source list without ';' or line breaks)");
        }
        Objects.requireNonNull(handshake, "agent.handshake");
    }

    /** A config with the default {@link HandshakeLimits}. */
    public NotifierConfig(String host, int port, NotifierLimits limits, String frameAncestors) {
        this(host, port, limits, frameAncestors, HandshakeLimits.defaults());
    }

    /** A copy with other handshake limits. */
    public NotifierConfig withHandshake(HandshakeLimits limits) {
        return new NotifierConfig(host, port, this.limits, frameAncestors, limits);
    }

    /** Defaults: all interfaces, port 8080, default limits, embeddable in Genesys Cloud. */
    public static NotifierConfig defaults() {
        return new NotifierConfig("0.0.0.0", 8080, NotifierLimits.defaults(), GENESYS_FRAME_ANCESTORS);
    }

    /** Loopback on an ephemeral port (tests, demo). */
    public static NotifierConfig loopbackEphemeral(NotifierLimits limits) {
        return new NotifierConfig("127.0.0.1", 0, limits, GENESYS_FRAME_ANCESTORS);
    }
}
