package dev.voicegate.audiohook.config;

import dev.voicegate.audiohook.auth.AuthConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the AudioHook server. Immutable, validated; build it with
 * {@link dev.voicegate.audiohook.netty.AudioHookServer#builder()}.
 *
 * @param host         bind address
 * @param port         bind port; 0 picks a free one ({@code AudioHookServer.port()} tells which)
 * @param path         WebSocket path, e.g. {@code /api/v1/audiohook/ws}
 * @param auth         API keys, organisation allow-list, signature time limits (helper B's contract)
 * @param authMode     how failures are answered
 * @param limits       admission and frame limits
 * @param session      per-session protocol settings
 * @param drainPeriod  on close: how long live sessions may continue before {@code disconnect{completed}}
 * @param closeTimeout upper bound of {@code close()}; must exceed the drain period
 */
public record AudioHookServerConfig(String host, int port, String path, AuthConfig auth, AuthMode authMode,
                                    ServerLimits limits, SessionConfig session, Duration drainPeriod,
                                    Duration closeTimeout) {

    public AudioHookServerConfig {
        Objects.requireNonNull(host, "audiohook.host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("audiohook.port: " + port + " (expected: 0..65535)");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("audiohook.path: " + path + " (expected: an absolute path like /api/v1/audiohook/ws)");
        }
        Objects.requireNonNull(auth, "audiohook.auth");
        Objects.requireNonNull(authMode, "audiohook.authMode");
        Objects.requireNonNull(limits, "audiohook.limits");
        Objects.requireNonNull(session, "audiohook.session");
        if (drainPeriod == null || drainPeriod.isNegative()) {
            throw new IllegalArgumentException("audiohook.drainPeriod: " + drainPeriod + " (expected: >= 0)");
        }
        if (closeTimeout == null || closeTimeout.compareTo(drainPeriod) <= 0) {
            throw new IllegalArgumentException("audiohook.closeTimeout: " + closeTimeout
                    + " (expected: > drainPeriod " + drainPeriod + ")");
        }
    }
}
