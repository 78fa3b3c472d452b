package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.protocol.Outbound;
import dev.voicegate.notifier.protocol.Outbound.Kind;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bounded send queue of one agent-app client, with coalescing.
 *
 * <ul>
 *   <li>A message with a coalesce key replaces a queued message with the same key in place (a newer
 *       progress of the same transaction, a newer full state of the same conversation).</li>
 *   <li>A full state or a {@code removed} of a conversation also drops queued progress of that
 *       conversation (the full state already contains it); {@code removed} drops its queued state.</li>
 *   <li>At {@code capacity} queued messages a new message is refused with {@link Offer#OVERFLOW}: the
 *       caller closes the client as too slow (overflow policy: close, never grow).</li>
 * </ul>
 * Thread-safe: publishers offer from any thread, the client's event loop polls.
 */
public final class ClientOutbox {

    /** What happened to an offered message. */
    public enum Offer { QUEUED, COALESCED, OVERFLOW, CLOSED }

    private final int capacity;
    private final Runnable onSuperseded;
    private final LinkedHashMap<String, Outbound> pending = new LinkedHashMap<>();
    private long sequence;
    private boolean closed;

    /**
     * @param capacity     maximum queued messages (&gt; 0)
     * @param onSuperseded called once per message dropped because a newer one superseded it (metric)
     */
    public ClientOutbox(int capacity, Runnable onSuperseded) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        this.onSuperseded = onSuperseded;
    }

    /** Queues {@code message} (see class doc for coalescing and overflow). */
    public Offer offer(Outbound message) {
        int superseded = 0;
        Offer result;
        synchronized (this) {
            if (closed) {
                return Offer.CLOSED;
            }
            if (message.kind() == Kind.CONVERSATION || message.kind() == Kind.REMOVED) {
                superseded += dropQueuedOf(message.conversationId(), message.kind() == Kind.REMOVED);
            }
            String key = message.coalesceKey();
            if (key != null && pending.containsKey(key)) {
                pending.put(key, message);
                superseded++;
                result = Offer.COALESCED;
            } else if (pending.size() >= capacity) {
                result = Offer.OVERFLOW;
            } else {
                pending.put(key != null ? key : "u:" + sequence++, message);
                result = Offer.QUEUED;
            }
        }
        for (int i = 0; i < superseded; i++) {
            onSuperseded.run();
        }
        return result;
    }

    private int dropQueuedOf(String conversationId, boolean includingState) {
        String progressPrefix = "p:" + conversationId + ":";
        String stateKey = "c:" + conversationId;
        int dropped = 0;
        for (Iterator<Map.Entry<String, Outbound>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (key.startsWith(progressPrefix) || (includingState && key.equals(stateKey))) {
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    /** Takes the oldest queued message, or null when empty. */
    public synchronized Outbound poll() {
        Iterator<Outbound> it = pending.values().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Outbound first = it.next();
        it.remove();
        return first;
    }

    /** Number of queued messages. */
    public synchronized int size() {
        return pending.size();
    }

    /** Discards everything and refuses later offers; returns how many messages were discarded. */
    public synchronized int close() {
        closed = true;
        int n = pending.size();
        pending.clear();
        return n;
    }
}
