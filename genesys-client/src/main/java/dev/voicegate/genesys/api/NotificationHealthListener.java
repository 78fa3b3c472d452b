package dev.voicegate.genesys.api;

/**
 * Told when the notification stream becomes healthy (every shard has a live socket with recent
 * heartbeats) or unhealthy (some monitored agents may miss events; fall back to REST look-ups).
 * Called on the notification service's serial thread, only on changes; must not block.
 */
@FunctionalInterface
public interface NotificationHealthListener {
    /**
     * @param healthy the new health
     * @param reason  short human-readable cause, e.g. {@code "shard 1: heartbeat timeout"}
     */
    void onHealthChanged(boolean healthy, String reason);
}
