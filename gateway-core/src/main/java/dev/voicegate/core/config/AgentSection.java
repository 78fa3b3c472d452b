package dev.voicegate.core.config;

import dev.voicegate.notifier.config.HandshakeLimits;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * {@code agent:} — the agent app and its WebSocket (issue #5 §2–3).
 *
 * @param host        bind address
 * @param port        TCP port (0 = chosen by the OS)
 * @param tokenSecret base64 HMAC key (≥ 32 bytes) for signed local tokens; empty disables local tokens
 * @param genesysLogin accept Genesys user tokens (validated with {@code GET /api/v2/users/me}); needs genesys credentials
 * @param supervisors user ids with the supervisor role (may act on blocklists)
 * @param tokenCacheTtl how long a validated token is trusted before it is checked again
 * @param maxTokenLifetime longest lifetime ({@code exp - iat}) of a local token that is accepted
 * @param handshakeTimeout a connection that has not sent a complete request by then (from accept, or from
 *                         the previous response) is closed (slowloris, silent sockets)
 * @param maxPendingConnectionsPerSource connections of one source address that have not sent their first
 *                         complete request; one more is closed at once
 */
public record AgentSection(String host, Integer port, String tokenSecret, Boolean genesysLogin, List<String> supervisors,
                           Duration tokenCacheTtl, Duration maxTokenLifetime, Duration handshakeTimeout,
                           Integer maxPendingConnectionsPerSource) {

    /** A section with the default handshake limits. */
    public AgentSection(String host, Integer port, String tokenSecret, Boolean genesysLogin, List<String> supervisors,
                        Duration tokenCacheTtl, Duration maxTokenLifetime) {
        this(host, port, tokenSecret, genesysLogin, supervisors, tokenCacheTtl, maxTokenLifetime, null, null);
    }

    public AgentSection {
        host = host == null ? "0.0.0.0" : host;
        port = Checks.port("agent.port", port, 8080);
        tokenSecret = tokenSecret == null ? "" : tokenSecret.trim();
        if (!tokenSecret.isEmpty()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(tokenSecret);
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid("agent.tokenSecret", "<masked>", "base64");
            }
            if (key.length < 32) {
                throw ConfigException.invalid("agent.tokenSecret", "<masked, " + key.length + " bytes>", "at least 32 bytes of base64");
            }
        }
        genesysLogin = genesysLogin == null || genesysLogin;
        supervisors = supervisors == null ? List.of() : List.copyOf(supervisors);
        tokenCacheTtl = Checks.positive("agent.tokenCacheTtl", tokenCacheTtl, Duration.ofSeconds(60));
        maxTokenLifetime = maxTokenLifetime == null
                ? dev.voicegate.notifier.config.NotifierLimits.DEFAULT_MAX_TOKEN_LIFETIME : maxTokenLifetime;
        HandshakeLimits h = HandshakeLimits.defaults();
        handshakeTimeout = Checks.positive("agent.handshakeTimeout", handshakeTimeout, h.handshakeTimeout());
        maxPendingConnectionsPerSource = Checks.positive("agent.maxPendingConnectionsPerSource",
                maxPendingConnectionsPerSource, h.maxPendingConnectionsPerSource());
    }

    /**
     * The agent port's handshake limits (their own range checks, with the YAML key names).
     *
     * @throws IllegalArgumentException naming the key, the value and what was expected
     */
    public HandshakeLimits handshakeLimits() {
        return new HandshakeLimits(handshakeTimeout, maxPendingConnectionsPerSource);
    }

    public byte[] tokenKey() {
        return tokenSecret.isEmpty() ? new byte[0] : Base64.getDecoder().decode(tokenSecret);
    }
}
