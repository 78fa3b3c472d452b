package dev.voicegate.core.config;

import dev.voicegate.audiohook.auth.ApiKeyConfig;
import dev.voicegate.audiohook.auth.AuthConfig;
import dev.voicegate.audiohook.config.AudioHookServerConfig;
import dev.voicegate.audiohook.config.AuthMode;
import dev.voicegate.audiohook.config.ConnectionLimits;
import dev.voicegate.audiohook.config.ServerLimits;
import dev.voicegate.audiohook.config.SessionConfig;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * {@code audiohook:} — the internet-facing AudioHook endpoint (architecture §5, issue #2 §2).
 *
 * @param host                    bind address
 * @param port                    TCP port (0 = chosen by the OS)
 * @param path                    WebSocket path Genesys connects to
 * @param apiKeys                 accepted API keys, each with its own base64 client secret ("" = unsigned allowed for that key only)
 * @param organizationIds         optional allow-list of Genesys organisation ids (empty = any)
 * @param authMode                {@code request}: reject before the upgrade with HTTP 401; {@code session}: upgrade, then disconnect unauthorized
 * @param maxSessions             concurrent sessions before new upgrades get HTTP 503
 * @param maxOpensPerSecondPerOrg new sessions per second per organisation before HTTP 429
 * @param maxBinaryFrameBytes     largest accepted audio frame
 * @param idleTimeout             a session with neither ping nor audio for this long is disconnected
 * @param decisionDeadline        how long {@code opened} waits for the gating decision before starting paused
 * @param drainPeriod             on shutdown, how long live sessions may continue before {@code disconnect}
 * @param l16ByteOrder            {@code little} (the reference implementation's) or {@code big} (RTP's)
 * @param handshakeTimeout        a connection not authenticated within this is closed (slowloris, silent sockets)
 * @param maxRequestHeaderBytes   larger request headers get HTTP 431
 * @param maxPendingConnectionsPerSource connections of one source address still in the handshake
 * @param upgradesPerSecondPerSource upgrade requests per second per source address before authentication (burst 2×)
 * @param writeBufferHighWaterMark bytes queued for a client before the server stops producing for it
 * @param unwritableTimeout       a client that stays over the mark this long is disconnected
 */
public record AudioHookSection(String host, Integer port, String path, List<ApiKey> apiKeys, List<String> organizationIds,
                               String authMode, Integer maxSessions, Integer maxOpensPerSecondPerOrg,
                               Integer maxBinaryFrameBytes, Duration idleTimeout, Duration decisionDeadline,
                               Duration drainPeriod, String l16ByteOrder, Duration handshakeTimeout,
                               Integer maxRequestHeaderBytes, Integer maxPendingConnectionsPerSource,
                               Integer upgradesPerSecondPerSource, Integer writeBufferHighWaterMark,
                               Duration unwritableTimeout) {

    /** The section without the connection limits (they take the library's defaults). */
    public AudioHookSection(String host, Integer port, String path, List<ApiKey> apiKeys, List<String> organizationIds,
                            String authMode, Integer maxSessions, Integer maxOpensPerSecondPerOrg,
                            Integer maxBinaryFrameBytes, Duration idleTimeout, Duration decisionDeadline,
                            Duration drainPeriod, String l16ByteOrder) {
        this(host, port, path, apiKeys, organizationIds, authMode, maxSessions, maxOpensPerSecondPerOrg, maxBinaryFrameBytes,
                idleTimeout, decisionDeadline, drainPeriod, l16ByteOrder, null, null, null, null, null, null);
    }

    /** One accepted API key. */
    public record ApiKey(String key, String secret) {
        public ApiKey {
            if (key == null || key.isBlank()) {
                throw ConfigException.invalid("audiohook.apiKeys[].key", key, "a non-empty API key");
            }
            if (!key.matches("^[a-zA-Z0-9+/_-]+={0,2}$")) {
                throw ConfigException.invalid("audiohook.apiKeys[].key", "\"" + Masking.partial(key) + "\"",
                        "characters A-Z a-z 0-9 + / _ - with up to two trailing '=' (as Genesys sends in X-API-KEY)");
            }
            secret = secret == null ? "" : secret.trim();
            if (!secret.isEmpty()) {
                try {
                    java.util.Base64.getDecoder().decode(secret);
                } catch (IllegalArgumentException e) {
                    throw ConfigException.invalid("audiohook.apiKeys[" + Masking.partial(key) + "].secret", "<masked>",
                            "base64 (the Client Secret configured in the Genesys AudioHook integration), or empty for unsigned");
                }
            }
        }
    }

    /**
     * Fills absent values with the AudioHook library's defaults (its config records own them) and checks
     * what only the YAML form has (API key syntax, authMode/l16ByteOrder words, organisation ids). Ranges
     * are the library's: {@link #toServerConfig()} applies them, and {@link ComponentConfigs} reports them
     * with the other sections' errors before anything starts.
     */
    public AudioHookSection {
        ServerLimits limits = ServerLimits.defaults();
        host = host == null ? AudioHookServerConfig.DEFAULT_HOST : host;
        port = port == null ? AudioHookServerConfig.DEFAULT_PORT : port;
        path = path == null ? AudioHookServerConfig.DEFAULT_PATH : path;
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        organizationIds = organizationIds == null ? List.of() : List.copyOf(organizationIds);
        for (String org : organizationIds) {
            if (!org.matches("(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")) {
                throw ConfigException.invalid("audiohook.organizationIds", org, "Genesys organisation UUIDs");
            }
        }
        authMode = authMode == null ? "request" : authMode.toLowerCase(Locale.ROOT);
        if (!authMode.equals("request") && !authMode.equals("session")) {
            throw ConfigException.invalid("audiohook.authMode", authMode, "request | session");
        }
        maxSessions = maxSessions == null ? limits.maxSessions() : maxSessions;
        maxOpensPerSecondPerOrg = maxOpensPerSecondPerOrg == null ? (int) limits.opensPerSecondPerOrg() : maxOpensPerSecondPerOrg;
        maxBinaryFrameBytes = maxBinaryFrameBytes == null ? limits.maxBinaryFrameBytes() : maxBinaryFrameBytes;
        idleTimeout = idleTimeout == null ? limits.idleTimeout() : idleTimeout;
        decisionDeadline = decisionDeadline == null ? SessionConfig.DEFAULT_DECISION_DEADLINE : decisionDeadline;
        drainPeriod = drainPeriod == null ? AudioHookServerConfig.DEFAULT_DRAIN_PERIOD : drainPeriod;
        ConnectionLimits c = limits.connections();
        handshakeTimeout = handshakeTimeout == null ? c.handshakeTimeout() : handshakeTimeout;
        maxRequestHeaderBytes = maxRequestHeaderBytes == null ? c.maxRequestHeaderBytes() : maxRequestHeaderBytes;
        maxPendingConnectionsPerSource = maxPendingConnectionsPerSource == null ? c.maxPendingConnectionsPerSource()
                : maxPendingConnectionsPerSource;
        upgradesPerSecondPerSource = upgradesPerSecondPerSource == null ? (int) c.upgradesPerSecondPerSource()
                : upgradesPerSecondPerSource;
        writeBufferHighWaterMark = writeBufferHighWaterMark == null ? c.writeBufferHighWaterMark() : writeBufferHighWaterMark;
        unwritableTimeout = unwritableTimeout == null ? c.unwritableTimeout() : unwritableTimeout;
        l16ByteOrder = l16ByteOrder == null ? "little" : l16ByteOrder.toLowerCase(Locale.ROOT);
        if (!l16ByteOrder.equals("little") && !l16ByteOrder.equals("big")) {
            throw ConfigException.invalid("audiohook.l16ByteOrder", l16ByteOrder, "little | big");
        }
    }

    /**
     * The AudioHook library's server config for this section (its validation, with the YAML key names).
     *
     * @throws IllegalArgumentException naming the key, the value and what was expected
     */
    public AudioHookServerConfig toServerConfig() {
        AuthConfig auth = AuthConfig.of(apiKeys.stream().map(k -> new ApiKeyConfig(k.key(), k.secret())).toList())
                .withOrganizationIds(new HashSet<>(organizationIds));
        ConnectionLimits c = ServerLimits.defaults().connections();
        ConnectionLimits connections = new ConnectionLimits(handshakeTimeout, maxRequestHeaderBytes,
                maxPendingConnectionsPerSource, upgradesPerSecondPerSource, Math.max(1, upgradesPerSecondPerSource * 2),
                c.maxTrackedSources(), writeBufferHighWaterMark, unwritableTimeout);
        ServerLimits limits = ServerLimits.defaults()
                .withConnections(connections)
                .withMaxSessions(maxSessions)
                .withOpenRate(maxOpensPerSecondPerOrg)
                .withMaxBinaryFrameBytes(maxBinaryFrameBytes)
                .withIdleTimeout(idleTimeout);
        SessionConfig s = SessionConfig.defaults();
        SessionConfig session = new SessionConfig(decisionDeadline, s.mediaPreference(),
                l16ByteOrder.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, s.supportedLanguages());
        return AudioHookServerConfig.defaults(auth).withHost(host).withPort(port).withPath(path)
                .withAuthMode(authMode.equals("session") ? AuthMode.SESSION : AuthMode.REQUEST)
                .withLimits(limits).withSession(session).withDrainPeriod(drainPeriod);
    }
}
