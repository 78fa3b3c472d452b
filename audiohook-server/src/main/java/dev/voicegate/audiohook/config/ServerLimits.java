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

    public ServerLimits {
        positive("audiohook.limits.maxSessions", maxSessions);
        if (!(opensPerSecondPerOrg > 0) || Double.isInfinite(opensPerSecondPerOrg)) {
            throw new IllegalArgumentException("audiohook.limits.opensPerSecondPerOrg: " + opensPerSecondPerOrg
                    + " (expected: > 0)");
        }
        positive("audiohook.limits.openBurstPerOrg", openBurstPerOrg);
        positive("audiohook.limits.maxOrganizations", maxOrganizations);
        if (maxBinaryFrameBytes < 1600 || maxBinaryFrameBytes > 1 << 20) {
            throw new IllegalArgumentException("audiohook.limits.maxBinaryFrameBytes: " + maxBinaryFrameBytes
                    + " (expected: 1600..1048576)");
        }
        Objects.requireNonNull(idleTimeout, "audiohook.limits.idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("audiohook.limits.idleTimeout: " + idleTimeout + " (expected: > 0)");
        }
        Objects.requireNonNull(minAuthFailureDelay, "audiohook.limits.minAuthFailureDelay");
        if (minAuthFailureDelay.isNegative()) {
            throw new IllegalArgumentException("audiohook.limits.minAuthFailureDelay: " + minAuthFailureDelay
                    + " (expected: >= 0)");
        }
        Objects.requireNonNull(connections, "audiohook.connections");
        if (connections.handshakeTimeout().compareTo(minAuthFailureDelay) <= 0) {
            throw new IllegalArgumentException("audiohook.handshakeTimeout: " + connections.handshakeTimeout()
                    + " (expected: > minAuthFailureDelay " + minAuthFailureDelay + ")");
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
        }
    }

    /**
     * Defaults: 20,000 sessions, 50 opens/s per org (burst 100), 10,000 orgs, 64 KiB audio frames,
     * 30 s idle timeout (the client pings every 5 s), 500 ms minimum auth failure delay,
     * {@link ConnectionLimits#defaults()}.
     */
    public static ServerLimits defaults() {
        return new ServerLimits(20_000, 50, 100, 10_000, 65_536, Duration.ofSeconds(30), Duration.ofMillis(500),
                ConnectionLimits.defaults());
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
