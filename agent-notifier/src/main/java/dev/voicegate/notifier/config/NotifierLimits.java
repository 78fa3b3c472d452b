package dev.voicegate.notifier.config;

import java.time.Duration;

/**
 * Bounds of the agent notifier. Every value is validated; invalid limits fail start-up.
 *
 * @param maxClients              connected agent-app clients in total; beyond it the upgrade gets 503
 * @param sendQueueCapacity       messages queued per client (after coalescing); overflow closes the
 *                                client with close code 4008
 * @param slowClientDeadline      how long a client's socket may stay not-writable before it is closed
 *                                with close code 4008
 * @param writeBufferHighWaterMark bytes buffered per channel before it counts as not writable
 * @param maxFramePayloadBytes    largest inbound WebSocket frame (commands are small)
 * @param maxConversations        bound conversations kept (views for snapshots)
 * @param conversationIdleTtl     a bound conversation with no publish/bind for this long is dropped
 *                                (safety net for a lost unbind)
 * @param maxRememberedRequests    command request ids remembered for idempotency (all users; LRU)
 * @param clientIdleTimeout       a connection that sends nothing for this long is closed (the app
 *                                pings every 25 s; this reaps half-open sockets and idle HTTP)
 * @param commandTimeout          a command the listener has not answered within this time is
 *                                answered "no answer in time" (and audited as FAILED)
 * @param maxTokenLifetime        longest lifetime ({@code exp − iat}) of a self-issued (local) agent
 *                                token that validation accepts, whatever its {@code exp} says; also the
 *                                longest token {@code LocalTokenService} issues (1 s .. 7 days,
 *                                default {@link #DEFAULT_MAX_TOKEN_LIFETIME})
 */
public record NotifierLimits(int maxClients, int sendQueueCapacity, Duration slowClientDeadline,
                             int writeBufferHighWaterMark, int maxFramePayloadBytes, int maxConversations,
                             Duration conversationIdleTtl, int maxRememberedRequests, Duration clientIdleTimeout,
                             Duration commandTimeout, Duration maxTokenLifetime) {

    /** Default {@link #maxTokenLifetime}: one long shift. */
    public static final Duration DEFAULT_MAX_TOKEN_LIFETIME = Duration.ofHours(12);
    /** Upper bound of {@link #maxTokenLifetime}. */
    public static final Duration MAX_TOKEN_LIFETIME_LIMIT = Duration.ofDays(7);

    public NotifierLimits {
        positive("agent.limits.maxClients", maxClients);
        positive("agent.limits.sendQueueCapacity", sendQueueCapacity);
        positive("agent.limits.slowClientDeadline", slowClientDeadline);
        if (writeBufferHighWaterMark < 1024) {
            throw new IllegalArgumentException("agent.limits.writeBufferHighWaterMark: " + writeBufferHighWaterMark
                    + " (expected: >= 1024)");
        }
        if (maxFramePayloadBytes < 256 || maxFramePayloadBytes > 1 << 20) {
            throw new IllegalArgumentException("agent.limits.maxFramePayloadBytes: " + maxFramePayloadBytes
                    + " (expected: 256..1048576)");
        }
        positive("agent.limits.maxConversations", maxConversations);
        positive("agent.limits.conversationIdleTtl", conversationIdleTtl);
        positive("agent.limits.maxRememberedRequests", maxRememberedRequests);
        positive("agent.limits.clientIdleTimeout", clientIdleTimeout);
        positive("agent.limits.commandTimeout", commandTimeout);
        if (maxTokenLifetime == null || maxTokenLifetime.compareTo(Duration.ofSeconds(1)) < 0
                || maxTokenLifetime.compareTo(MAX_TOKEN_LIFETIME_LIMIT) > 0) {
            throw new IllegalArgumentException("agent.limits.maxTokenLifetime: " + maxTokenLifetime
                    + " (expected: PT1S.." + MAX_TOKEN_LIFETIME_LIMIT + ")");
        }
    }

    /** Limits with the default {@link #maxTokenLifetime}. */
    public NotifierLimits(int maxClients, int sendQueueCapacity, Duration slowClientDeadline,
                          int writeBufferHighWaterMark, int maxFramePayloadBytes, int maxConversations,
                          Duration conversationIdleTtl, int maxRememberedRequests, Duration clientIdleTimeout,
                          Duration commandTimeout) {
        this(maxClients, sendQueueCapacity, slowClientDeadline, writeBufferHighWaterMark, maxFramePayloadBytes,
                maxConversations, conversationIdleTtl, maxRememberedRequests, clientIdleTimeout, commandTimeout,
                DEFAULT_MAX_TOKEN_LIFETIME);
    }

    /** Defaults sized for one gateway with ~1,000 agents. */
    public static NotifierLimits defaults() {
        return new NotifierLimits(5_000, 256, Duration.ofSeconds(10), 256 * 1024, 16 * 1024, 20_000,
                Duration.ofHours(4), 65_536, Duration.ofSeconds(90),
                Duration.ofSeconds(15), DEFAULT_MAX_TOKEN_LIFETIME);
    }

    /** A copy with another send-queue capacity. */
    public NotifierLimits withSendQueueCapacity(int capacity) {
        return new NotifierLimits(maxClients, capacity, slowClientDeadline, writeBufferHighWaterMark,
                maxFramePayloadBytes, maxConversations, conversationIdleTtl, maxRememberedRequests, clientIdleTimeout,
                commandTimeout, maxTokenLifetime);
    }

    /** A copy with another slow-client deadline. */
    public NotifierLimits withSlowClientDeadline(Duration deadline) {
        return new NotifierLimits(maxClients, sendQueueCapacity, deadline, writeBufferHighWaterMark,
                maxFramePayloadBytes, maxConversations, conversationIdleTtl, maxRememberedRequests, clientIdleTimeout,
                commandTimeout, maxTokenLifetime);
    }

    /** A copy with another client limit. */
    public NotifierLimits withMaxClients(int clients) {
        return new NotifierLimits(clients, sendQueueCapacity, slowClientDeadline, writeBufferHighWaterMark,
                maxFramePayloadBytes, maxConversations, conversationIdleTtl, maxRememberedRequests, clientIdleTimeout,
                commandTimeout, maxTokenLifetime);
    }

    /** A copy with another idle timeout. */
    public NotifierLimits withClientIdleTimeout(Duration timeout) {
        return new NotifierLimits(maxClients, sendQueueCapacity, slowClientDeadline, writeBufferHighWaterMark,
                maxFramePayloadBytes, maxConversations, conversationIdleTtl, maxRememberedRequests, timeout,
                commandTimeout, maxTokenLifetime);
    }

    /** A copy with another maximum agent-token lifetime. */
    public NotifierLimits withMaxTokenLifetime(Duration lifetime) {
        return new NotifierLimits(maxClients, sendQueueCapacity, slowClientDeadline, writeBufferHighWaterMark,
                maxFramePayloadBytes, maxConversations, conversationIdleTtl, maxRememberedRequests, clientIdleTimeout,
                commandTimeout, lifetime);
    }

    static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
        }
    }

    static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
        }
    }
}
