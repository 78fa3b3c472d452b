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
 * @param closeTimeout upper bound of {@code close()}; must exceed the drain period ({@code null}: derived)
 */
public record AudioHookServerConfig(String host, int port, String path, AuthConfig auth, AuthMode authMode,
                                    ServerLimits limits, SessionConfig session, Duration drainPeriod,
                                    Duration closeTimeout) {

    /** Default of {@code audiohook.host}. */
    public static final String DEFAULT_HOST = "0.0.0.0";
    /** Default of {@code audiohook.port}. */
    public static final int DEFAULT_PORT = 8443;
    /** Default of {@code audiohook.path}. */
    public static final String DEFAULT_PATH = "/api/v1/audiohook/ws";
    /** Default of {@code audiohook.drainPeriod}. */
    public static final Duration DEFAULT_DRAIN_PERIOD = Duration.ofSeconds(30);
    /** When no close timeout is given it is the drain period plus this margin (closing sockets, stopping loops). */
    public static final Duration CLOSE_MARGIN = Duration.ofSeconds(5);

    /**
     * Validates; a {@code null} close timeout is derived from the drain period ({@code drainPeriod + }
     * {@link #CLOSE_MARGIN}), so only an explicit one can contradict it.
     */
    public AudioHookServerConfig {
        Objects.requireNonNull(host, "audiohook.host");
        if (port < 0 || port > 65_535) {
            throw ConfigText.invalid("audiohook.port", port, "0..65535, 0 = chosen by the OS");
        }
        if (path == null || !path.startsWith("/")) {
            throw ConfigText.invalid("audiohook.path", path, "an absolute path like /api/v1/audiohook/ws");
        }
        Objects.requireNonNull(auth, "audiohook.apiKeys");
        Objects.requireNonNull(authMode, "audiohook.authMode");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(session, "session");
        if (drainPeriod == null || drainPeriod.isNegative()) {
            throw ConfigText.invalid("audiohook.drainPeriod", drainPeriod, ">= 0");
        }
        if (closeTimeout == null) {
            closeTimeout = drainPeriod.plus(CLOSE_MARGIN);
        }
        if (closeTimeout.compareTo(drainPeriod) <= 0) {
            throw ConfigText.invalid("audiohook.closeTimeout", closeTimeout,
                    "> audiohook.drainPeriod " + ConfigText.duration(drainPeriod) + ", or unset to derive it");
        }
    }

    /** The defaults for everything but the API keys (closing timeout derived from the drain period). */
    public static AudioHookServerConfig defaults(AuthConfig auth) {
        return new AudioHookServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_PATH, auth, AuthMode.REQUEST,
                ServerLimits.defaults(), SessionConfig.defaults(), DEFAULT_DRAIN_PERIOD, null);
    }

    public AudioHookServerConfig withHost(String h) {
        return new AudioHookServerConfig(h, port, path, auth, authMode, limits, session, drainPeriod, null);
    }

    public AudioHookServerConfig withPort(int p) {
        return new AudioHookServerConfig(host, p, path, auth, authMode, limits, session, drainPeriod, closeTimeout);
    }

    public AudioHookServerConfig withPath(String p) {
        return new AudioHookServerConfig(host, port, p, auth, authMode, limits, session, drainPeriod, closeTimeout);
    }

    public AudioHookServerConfig withAuthMode(AuthMode m) {
        return new AudioHookServerConfig(host, port, path, auth, m, limits, session, drainPeriod, closeTimeout);
    }

    public AudioHookServerConfig withLimits(ServerLimits l) {
        return new AudioHookServerConfig(host, port, path, auth, authMode, l, session, drainPeriod, closeTimeout);
    }

    public AudioHookServerConfig withSession(SessionConfig s) {
        return new AudioHookServerConfig(host, port, path, auth, authMode, limits, s, drainPeriod, closeTimeout);
    }

    /** A copy with another drain period; the close timeout is derived again from it. */
    public AudioHookServerConfig withDrainPeriod(Duration d) {
        return new AudioHookServerConfig(host, port, path, auth, authMode, limits, session, d, null);
    }

    public AudioHookServerConfig withCloseTimeout(Duration d) {
        return new AudioHookServerConfig(host, port, path, auth, authMode, limits, session, drainPeriod, d);
    }
}
