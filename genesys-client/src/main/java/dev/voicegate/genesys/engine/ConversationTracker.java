package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.genesys.api.ConversationSnapshot;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Turns conversation snapshots into typed events, once per state transition of an (agent,
 * conversation) pair: Genesys sends full snapshots on every change, and during a channel rotation
 * the same snapshot arrives on two sockets. Bounded: at most {@code capacity} pairs (least recently
 * updated evicted first) and each forgotten {@code ttl} after its last update.
 * Not thread-safe: used from the notification service's serial executor only.
 */
public final class ConversationTracker {

    private record Seen(ConversationEvent.Kind kind, String participantId, long updatedNanos) {
    }

    private final int capacity;
    private final long ttlNanos;
    private final LongSupplier ticker;
    private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>(256, 0.75f, true);
    private long duplicates;

    public ConversationTracker(int capacity, java.time.Duration ttl, LongSupplier ticker) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        this.ttlNanos = ttl.toNanos();
        this.ticker = ticker;
    }

    /**
     * The event to emit for {@code agentUserId} given a new snapshot, or empty if nothing changed
     * (duplicate), or the agent is only alerting, or it ended a leg we never saw connected and
     * already reported ended.
     */
    public Optional<ConversationEvent> update(String agentUserId, ConversationSnapshot snapshot, Instant receivedAt) {
        Optional<ConversationEvent> candidate = snapshot.eventFor(agentUserId, receivedAt);
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        ConversationEvent e = candidate.get();
        long now = ticker.getAsLong();
        expire(now);
        String key = e.conversationId() + '|' + agentUserId;
        Seen prev = seen.get(key);
        if (prev != null && prev.kind() == e.kind()
                && java.util.Objects.equals(prev.participantId(), e.agentParticipantId())) {
            seen.put(key, new Seen(prev.kind(), prev.participantId(), now));
            duplicates++;
            return Optional.empty();
        }
        if (prev != null && prev.kind() == ConversationEvent.Kind.AGENT_ENDED && e.kind() == ConversationEvent.Kind.AGENT_ENDED) {
            duplicates++;
            return Optional.empty();
        }
        seen.put(key, new Seen(e.kind(), e.agentParticipantId(), now));
        if (seen.size() > capacity) {
            Iterator<String> it = seen.keySet().iterator();
            it.next();
            it.remove();
        }
        return candidate;
    }

    private void expire(long now) {
        for (Iterator<Map.Entry<String, Seen>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue().updatedNanos() > ttlNanos) {
                it.remove();
            } else {
                return; // access order: the rest are newer
            }
        }
    }

    /** Number of (agent, conversation) pairs remembered. */
    public int size() {
        return seen.size();
    }

    /** Snapshots dropped as duplicates so far. */
    public long duplicates() {
        return duplicates;
    }
}
