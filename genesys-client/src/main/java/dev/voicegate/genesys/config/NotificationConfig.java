package dev.voicegate.genesys.config;

import java.time.Duration;

import static dev.voicegate.genesys.config.HttpConfig.atLeast;
import static dev.voicegate.genesys.config.HttpConfig.positive;

/**
 * Notification channel behaviour (fact sheet §3c–§3e). Immutable; validated on construction.
 *
 * @param pingInterval          how often {@code {"message":"ping"}} is sent on each socket (Genesys: 30 s)
 * @param heartbeatTimeout      no heartbeat/pong for this long → reconnect (60 s; > pingInterval)
 * @param topicsPerChannel      topics per channel before sharding (Genesys max 1,000)
 * @param maxChannels           channels this client may hold at once, rotations included (Genesys max 20)
 * @param rotationFraction      rotate a channel after this fraction of its token's lifetime (0.5–0.95)
 * @param maxChannelAge         rotate at the latest after this age (24 h channel lifetime; default 20 h)
 * @param channelExpiryMargin   rotate this long before the channel's {@code expires}
 * @param retryInitial          first delay before retrying a failed channel set-up; doubles with jitter
 * @param retryMax              cap of that delay
 * @param maxMessageBytes       a larger WebSocket message closes the socket (bounded buffer)
 * @param trackerCapacity       (agent, conversation) pairs remembered for de-duplication
 * @param trackerTtl            how long such a pair is remembered after its last update
 */
public record NotificationConfig(Duration pingInterval, Duration heartbeatTimeout, int topicsPerChannel,
                                 int maxChannels, double rotationFraction, Duration maxChannelAge,
                                 Duration channelExpiryMargin, Duration retryInitial, Duration retryMax,
                                 int maxMessageBytes, int trackerCapacity, Duration trackerTtl) {

    public NotificationConfig {
        positive("genesys.notifications.pingInterval", pingInterval);
        positive("genesys.notifications.heartbeatTimeout", heartbeatTimeout);
        if (heartbeatTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("genesys.notifications.heartbeatTimeout: " + heartbeatTimeout
                    + " (expected: > pingInterval " + pingInterval + ")");
        }
        if (topicsPerChannel < 1 || topicsPerChannel > 1000) {
            throw new IllegalArgumentException("genesys.notifications.topicsPerChannel: " + topicsPerChannel
                    + " (expected: 1..1000)");
        }
        if (maxChannels < 2 || maxChannels > 20) {
            throw new IllegalArgumentException("genesys.notifications.maxChannels: " + maxChannels
                    + " (expected: 2..20; one slot is kept free for rotation)");
        }
        if (!(rotationFraction >= 0.5 && rotationFraction <= 0.95)) {
            throw new IllegalArgumentException("genesys.notifications.rotationFraction: " + rotationFraction
                    + " (expected: 0.5..0.95)");
        }
        positive("genesys.notifications.maxChannelAge", maxChannelAge);
        positive("genesys.notifications.channelExpiryMargin", channelExpiryMargin);
        positive("genesys.notifications.retryInitial", retryInitial);
        positive("genesys.notifications.retryMax", retryMax);
        atLeast("genesys.notifications.maxMessageBytes", maxMessageBytes, 1024);
        atLeast("genesys.notifications.trackerCapacity", trackerCapacity, 1);
        positive("genesys.notifications.trackerTtl", trackerTtl);
    }

    /** 30 s ping, 60 s watchdog, 1,000 topics, 20 channels, rotate at 80 % / 20 h / 10 min before expiry. */
    public static NotificationConfig defaults() {
        return new NotificationConfig(Duration.ofSeconds(30), Duration.ofSeconds(60), 1000, 20, 0.8,
                Duration.ofHours(20), Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(60),
                4 * 1024 * 1024, 100_000, Duration.ofHours(2));
    }

    /** Same, with other ping and watchdog intervals (tests use fractions of a second). */
    public NotificationConfig withLiveness(Duration ping, Duration timeout) {
        return new NotificationConfig(ping, timeout, topicsPerChannel, maxChannels, rotationFraction, maxChannelAge,
                channelExpiryMargin, retryInitial, retryMax, maxMessageBytes, trackerCapacity, trackerTtl);
    }

    public NotificationConfig withRetry(Duration initial, Duration max) {
        return new NotificationConfig(pingInterval, heartbeatTimeout, topicsPerChannel, maxChannels, rotationFraction,
                maxChannelAge, channelExpiryMargin, initial, max, maxMessageBytes, trackerCapacity, trackerTtl);
    }

    public NotificationConfig withRotationFraction(double fraction) {
        return new NotificationConfig(pingInterval, heartbeatTimeout, topicsPerChannel, maxChannels, fraction,
                maxChannelAge, channelExpiryMargin, retryInitial, retryMax, maxMessageBytes, trackerCapacity, trackerTtl);
    }

    public NotificationConfig withTopicsPerChannel(int topics) {
        return new NotificationConfig(pingInterval, heartbeatTimeout, topics, maxChannels, rotationFraction,
                maxChannelAge, channelExpiryMargin, retryInitial, retryMax, maxMessageBytes, trackerCapacity, trackerTtl);
    }
}
