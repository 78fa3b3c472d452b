package dev.voicegate.audiohook.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Admission and frame limits of the AudioHook server. Each limit has a metric
 * ({@code voicegate.audiohook.rejections} by reason, {@code voicegate.audiohook.protocol.errors}).
 *
 * @param maxSessions             concurrent sessions; one more is answered HTTP 503 before the upgrade
 * @param opensPerSecondPerOrg    sustained new sessions per second per organisation; more → HTTP 429 + Retry-After
 * @param openBurstPerOrg         token-bucket burst per organisation (≥ 1)
 * @param maxOrganizations        organisations tracked by the rate limiter (least recently used evicted)
 * @param maxBinaryFrameBytes     largest audio frame accepted (a 200 ms stereo L16 frame is 6,400 bytes)
 * @param idleTimeout             disconnect when neither text nor audio arrives for this long
 * @param minAuthFailureDelay     authentication failures are answered no sooner than this after arrival (a
 *                                scheduled timer: the waiting request holds no session slot)
 * @param connections             per-connection bounds before authentication and for non-reading peers
 */
public record ServerLimits(int maxSessions, double opensPerSecondPerOrg, int openBurstPerOrg, int maxOrganizations,
                           int maxBinaryFrameBytes, Duration idleTimeout, Duration minAuthFailureDelay,
                           ConnectionLimits connections) {

    /** Text message limit (fact sheet §2.1). */
    public static final int MAX_TEXT_FRAME_BYTES = 65_536;

    /** Default of {@code audiohook.maxSessions}. */
    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    /** Default of {@code audiohook.maxOpensPerSecondPerOrg}; the burst is {@value #BURST_FACTOR} × the rate. */
    public static final int DEFAULT_OPENS_PER_SECOND_PER_ORG = 50;
    /** The open-rate burst as a multiple of the sustained rate. */
    public static final int BURST_FACTOR = 2;
    /** Default of {@code audiohook.maxBinaryFrameBytes}. */
    public static final int DEFAULT_MAX_BINARY_FRAME_BYTES = 65_536;
    /** Default of {@code audiohook.idleTimeout} (the client pings every 5 s). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public ServerLimits {
        positive("audiohook.maxSessions", maxSessions);
        if (!(opensPerSecondPerOrg > 0) || Double.isInfinite(opensPerSecondPerOrg)) {
            throw ConfigText.invalid("audiohook.maxOpensPerSecondPerOrg", opensPerSecondPerOrg, "> 0");
        }
        positive("audiohook.openBurstPerOrg", openBurstPerOrg);
        positive("audiohook.maxOrganizations", maxOrganizations);
        if (maxBinaryFrameBytes < 1600 || maxBinaryFrameBytes > 1 << 20) {
            throw ConfigText.invalid("audiohook.maxBinaryFrameBytes", maxBinaryFrameBytes,
                    "1600..1048576; a 200 ms stereo L16 frame is 6400 bytes");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw ConfigText.invalid("audiohook.idleTimeout", idleTimeout, "> 0");
        }
        if (minAuthFailureDelay == null || minAuthFailureDelay.isNegative()) {
            throw ConfigText.invalid("audiohook.minAuthFailureDelay", minAuthFailureDelay, ">= 0");
        }
        Objects.requireNonNull(connections, "audiohook.connections");
        if (connections.handshakeTimeout().compareTo(minAuthFailureDelay) <= 0) {
            throw ConfigText.invalid("audiohook.handshakeTimeout", connections.handshakeTimeout(),
                    "> audiohook.minAuthFailureDelay " + ConfigText.duration(minAuthFailureDelay));
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw ConfigText.invalid(key, value, "> 0");
        }
    }

    /**
     * Defaults: 10,000 sessions, 50 opens/s per org (burst 100), 10,000 orgs, 64 KiB audio frames,
     * 30 s idle timeout (the client pings every 5 s), 500 ms minimum auth failure delay,
     * {@link ConnectionLimits#defaults()}.
     */
    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_SESSIONS, DEFAULT_OPENS_PER_SECOND_PER_ORG,
                DEFAULT_OPENS_PER_SECOND_PER_ORG * BURST_FACTOR, 10_000, DEFAULT_MAX_BINARY_FRAME_BYTES,
                DEFAULT_IDLE_TIMEOUT, Duration.ofMillis(500), ConnectionLimits.defaults());
    }

    /** A copy with another per-organisation rate; the burst is {@value #BURST_FACTOR} × the rate (at least 1). */
    public ServerLimits withOpenRate(double perSecond) {
        return withOpenRate(perSecond, (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(perSecond * BURST_FACTOR))));
    }

    /** A copy with other connection bounds. */
    public ServerLimits withConnections(ConnectionLimits c) {
        return new ServerLimits(maxSessions, opensPerSecondPerOrg, openBurstPerOrg, maxOrganizations,
                maxBinaryFrameBytes, idleTimeout, minAuthFailureDelay, c);
    }

    /** A copy with another minimum authentication failure delay. */
    public ServerLimits withMinAuthFailureDelay(Duration delay) {
        return new ServerLimits(maxSessions, opensPerSecondPerOrg, openBurstPerOrg, maxOrganizations,
                maxBinaryFrameBytes, idleTimeout, delay, connections);
    }

    /** A copy with another session limit. */
    public ServerLimits withMaxSessions(int n) {
        return new ServerLimits(n, opensPerSecondPerOrg, openBurstPerOrg, maxOrganizations, maxBinaryFrameBytes,
                idleTimeout, minAuthFailureDelay, connections);
    }

    /** A copy with another per-organisation rate and burst. */
    public ServerLimits withOpenRate(double perSecond, int burst) {
        return new ServerLimits(maxSessions, perSecond, burst, maxOrganizations, maxBinaryFrameBytes, idleTimeout,
                minAuthFailureDelay, connections);
    }

    /** A copy with another binary frame limit. */
    public ServerLimits withMaxBinaryFrameBytes(int bytes) {
        return new ServerLimits(maxSessions, opensPerSecondPerOrg, openBurstPerOrg, maxOrganizations, bytes,
                idleTimeout, minAuthFailureDelay, connections);
    }

    /** A copy with another idle timeout. */
    public ServerLimits withIdleTimeout(Duration timeout) {
        return new ServerLimits(maxSessions, opensPerSecondPerOrg, openBurstPerOrg, maxOrganizations,
                maxBinaryFrameBytes, timeout, minAuthFailureDelay, connections);
    }
}
