package dev.voicegate.core.config;

import java.time.Duration;
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
 */
public record AudioHookSection(String host, Integer port, String path, List<ApiKey> apiKeys, List<String> organizationIds,
                               String authMode, Integer maxSessions, Integer maxOpensPerSecondPerOrg,
                               Integer maxBinaryFrameBytes, Duration idleTimeout, Duration decisionDeadline,
                               Duration drainPeriod, String l16ByteOrder) {

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

    public AudioHookSection {
        host = host == null ? "0.0.0.0" : host;
        port = Checks.port("audiohook.port", port, 8443);
        path = path == null ? "/api/v1/audiohook/ws" : path;
        if (!path.startsWith("/")) {
            throw ConfigException.invalid("audiohook.path", path, "a path starting with /");
        }
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
        maxSessions = Checks.positive("audiohook.maxSessions", maxSessions, 10_000);
        maxOpensPerSecondPerOrg = Checks.positive("audiohook.maxOpensPerSecondPerOrg", maxOpensPerSecondPerOrg, 50);
        maxBinaryFrameBytes = Checks.positive("audiohook.maxBinaryFrameBytes", maxBinaryFrameBytes, 65_536);
        idleTimeout = Checks.positive("audiohook.idleTimeout", idleTimeout, Duration.ofSeconds(30));
        decisionDeadline = Checks.positive("audiohook.decisionDeadline", decisionDeadline, Duration.ofMillis(50));
        if (decisionDeadline.compareTo(Duration.ofSeconds(4)) > 0) {
            throw ConfigException.invalid("audiohook.decisionDeadline", Durations.format(decisionDeadline),
                    "<= 4s (Genesys gives up on opened after about 5s)");
        }
        drainPeriod = drainPeriod == null ? Duration.ofSeconds(30) : drainPeriod;
        if (drainPeriod.isNegative()) {
            throw ConfigException.invalid("audiohook.drainPeriod", Durations.format(drainPeriod), ">= 0");
        }
        l16ByteOrder = l16ByteOrder == null ? "little" : l16ByteOrder.toLowerCase(Locale.ROOT);
        if (!l16ByteOrder.equals("little") && !l16ByteOrder.equals("big")) {
            throw ConfigException.invalid("audiohook.l16ByteOrder", l16ByteOrder, "little | big");
        }
    }
}
