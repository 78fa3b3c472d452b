package dev.voicegate.genesys.api;

import java.util.Set;

/**
 * Keeps Genesys notification channels subscribed to {@code v2.users.{id}.conversations} for the
 * monitored agents and turns what arrives into {@link ConversationEvent}s (fact sheet §3, §4).
 * Shards above 1,000 topics per channel (at most 20 channels, one slot kept for rotation), pings
 * every socket, reconnects when heartbeats stop, reconnects make-before-break on
 * {@code socket_closing}, and rotates channels (new token → new channel → subscribe → connect →
 * first heartbeat → drop old) before token or channel expiry, on 404 and on
 * {@code no_longer_subscribed}, delivering events from both channels during the overlap with
 * duplicates removed. One per {@code GenesysClient}. Thread-safe; listeners are called on the
 * service's serial thread.
 */
public interface NotificationService extends AutoCloseable {

    /** Opens channels for the agents set so far (may be none yet). Idempotent. */
    void start();

    /** Closes every socket and stops timers; no listener is called afterwards. Idempotent. */
    @Override
    void close();

    /**
     * Replaces the set of monitored agents; subscriptions are reconciled asynchronously (a full
     * {@code PUT} per changed channel). Agents keep their channel while they stay monitored.
     *
     * @throws IllegalArgumentException if more agents are given than the channels can hold
     */
    void setMonitoredAgents(Set<String> userIds);

    /** True when started and every needed channel has a live socket with recent heartbeats. */
    boolean healthy();

    /** Adds a receiver of conversation events (add before {@link #start()} to miss nothing). */
    void addEventListener(ConversationEventListener listener);

    /** Adds a receiver of health changes. */
    void addHealthListener(NotificationHealthListener listener);
}
