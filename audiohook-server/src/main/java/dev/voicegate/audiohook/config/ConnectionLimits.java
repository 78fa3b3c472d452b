package dev.voicegate.audiohook.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of one connection to the public AudioHook port before and after its upgrade: what an
 * unauthenticated or non-reading peer may cost. Part of {@link ServerLimits}. Immutable; every
 * value is validated and a message names its YAML key.
 *
 * <p>Before authentication a connection holds no session slot and spends no organisation's open
 * budget; it is bounded by the source-address limits here instead. Metrics:
 * {@code voicegate.audiohook.rejections} (reasons {@code handshake_timeout},
 * {@code too_many_pending_connections}, {@code source_rate_limited}, {@code header_too_large}),
 * {@code voicegate.audiohook.slow.closes}, {@code voicegate.audiohook.outbound.dropped}.
 *
 * @param handshakeTimeout               from TCP accept to an authenticated upgrade; a connection that
 *                                       has not sent a complete, authentic upgrade request by then
 *                                       (slowloris, silent or half-sent requests) is closed. In session
 *                                       auth mode an unauthenticated session is closed at this deadline,
 *                                       after its {@code disconnect{unauthorized}}. Must exceed the
 *                                       minimum authentication failure delay.
 * @param maxRequestHeaderBytes          largest upgrade request header block; beyond it HTTP 431
 * @param maxPendingConnectionsPerSource connections from one source address not yet authenticated;
 *                                       one more is closed at once
 * @param upgradesPerSecondPerSource     sustained upgrade requests per second per source address,
 *                                       checked before authentication; more → HTTP 429 + Retry-After
 * @param upgradeBurstPerSource          token-bucket burst per source address (≥ 1)
 * @param maxTrackedSources              source addresses tracked by the rate limiter (LRU evicted) and by
 *                                       the pending-connection count (a new source beyond it is closed)
 * @param writeBufferHighWaterMark       bytes queued for a peer before its channel counts as unwritable;
 *                                       then droppable messages ({@code pong}, {@code event}) are dropped
 * @param unwritableTimeout              a connection that stays unwritable (peer not reading) this long
 *                                       is closed; one log line per connection
 */
public record ConnectionLimits(Duration handshakeTimeout, int maxRequestHeaderBytes, int maxPendingConnectionsPerSource,
                               double upgradesPerSecondPerSource, int upgradeBurstPerSource, int maxTrackedSources,
                               int writeBufferHighWaterMark, Duration unwritableTimeout) {

    public ConnectionLimits {
        positive("audiohook.handshakeTimeout", handshakeTimeout);
        if (maxRequestHeaderBytes < 1024 || maxRequestHeaderBytes > 1 << 20) {
            throw new IllegalArgumentException("audiohook.maxRequestHeaderBytes: " + maxRequestHeaderBytes
                    + " (expected: 1024..1048576)");
        }
        positive("audiohook.maxPendingConnectionsPerSource", maxPendingConnectionsPerSource);
        if (!(upgradesPerSecondPerSource > 0) || Double.isInfinite(upgradesPerSecondPerSource)) {
            throw new IllegalArgumentException("audiohook.upgradesPerSecondPerSource: " + upgradesPerSecondPerSource
                    + " (expected: > 0)");
        }
        positive("audiohook.upgradeBurstPerSource", upgradeBurstPerSource);
        positive("audiohook.maxTrackedSources", maxTrackedSources);
        if (writeBufferHighWaterMark < 8192 || writeBufferHighWaterMark > 64 << 20) {
            throw new IllegalArgumentException("audiohook.writeBufferHighWaterMark: " + writeBufferHighWaterMark
                    + " (expected: 8192..67108864)");
        }
        positive("audiohook.unwritableTimeout", unwritableTimeout);
    }

    /**
     * Defaults: 10 s handshake timeout, 16 KiB request headers, 64 pending connections and 200 upgrades/s
     * (burst 400) per source address (Genesys connects from few addresses per region), 100,000 tracked
     * sources, 128 KiB write buffer (about 1,000 {@code event} messages), 10 s unwritable timeout.
     */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(Duration.ofSeconds(10), 16 * 1024, 64, 200, 400, 100_000, 128 * 1024,
                Duration.ofSeconds(10));
    }

    /** The low-water mark: writable again below half the high-water mark. */
    public int writeBufferLowWaterMark() {
        return writeBufferHighWaterMark / 2;
    }

    /** A copy with another handshake timeout. */
    public ConnectionLimits withHandshakeTimeout(Duration timeout) {
        return new ConnectionLimits(timeout, maxRequestHeaderBytes, maxPendingConnectionsPerSource,
                upgradesPerSecondPerSource, upgradeBurstPerSource, maxTrackedSources, writeBufferHighWaterMark,
                unwritableTimeout);
    }

    /** A copy with another per-source pending-connection cap. */
    public ConnectionLimits withMaxPendingConnectionsPerSource(int n) {
        return new ConnectionLimits(handshakeTimeout, maxRequestHeaderBytes, n, upgradesPerSecondPerSource,
                upgradeBurstPerSource, maxTrackedSources, writeBufferHighWaterMark, unwritableTimeout);
    }

    /** A copy with another per-source upgrade rate and burst. */
    public ConnectionLimits withUpgradeRatePerSource(double perSecond, int burst) {
        return new ConnectionLimits(handshakeTimeout, maxRequestHeaderBytes, maxPendingConnectionsPerSource, perSecond,
                burst, maxTrackedSources, writeBufferHighWaterMark, unwritableTimeout);
    }

    /** A copy with another write-buffer high-water mark and unwritable timeout. */
    public ConnectionLimits withBackpressure(int highWaterMark, Duration timeout) {
        return new ConnectionLimits(handshakeTimeout, maxRequestHeaderBytes, maxPendingConnectionsPerSource,
                upgradesPerSecondPerSource, upgradeBurstPerSource, maxTrackedSources, highWaterMark, timeout);
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw ConfigText.invalid(key, value, "> 0");
        }
    }
}
