package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.ConversationView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bindings (conversation → agent) and the latest published view of each bound conversation.
 * Bounded by {@code maxConversations}; entries idle longer than the TTL are removed by
 * {@link #sweep}. Not thread-safe: {@link SubscriptionHub} guards it.
 */
final class ConversationRegistry {

    /** Result of {@link #bind}. */
    enum BindResult { BOUND, UNCHANGED, MOVED, FULL }

    private static final class Entry {
        final String agentUserId;
        ConversationView view;
        long touchedNanos;

        Entry(String agentUserId, long touchedNanos) {
            this.agentUserId = agentUserId;
            this.touchedNanos = touchedNanos;
        }
    }

    private final int maxConversations;
    private final long idleTtlNanos;
    private final Map<String, Entry> byConversation = new HashMap<>();
    private final Map<String, Set<String>> byAgent = new HashMap<>();

    ConversationRegistry(int maxConversations, long idleTtlNanos) {
        this.maxConversations = maxConversations;
        this.idleTtlNanos = idleTtlNanos;
    }

    BindResult bind(String conversationId, String agentUserId, long nowNanos) {
        Entry existing = byConversation.get(conversationId);
        if (existing != null && existing.agentUserId.equals(agentUserId)) {
            existing.touchedNanos = nowNanos;
            return BindResult.UNCHANGED;
        }
        if (existing == null && byConversation.size() >= maxConversations) {
            return BindResult.FULL;
        }
        if (existing != null) {
            remove(conversationId);
        }
        byConversation.put(conversationId, new Entry(agentUserId, nowNanos));
        byAgent.computeIfAbsent(agentUserId, a -> new HashSet<>()).add(conversationId);
        return existing == null ? BindResult.BOUND : BindResult.MOVED;
    }

    /** Removes a binding; returns the agent it was bound to, or null. */
    String remove(String conversationId) {
        Entry e = byConversation.remove(conversationId);
        if (e == null) {
            return null;
        }
        Set<String> convs = byAgent.get(e.agentUserId);
        convs.remove(conversationId);
        if (convs.isEmpty()) {
            byAgent.remove(e.agentUserId);
        }
        return e.agentUserId;
    }

    /** The agent a conversation is bound to, or null. */
    String agentOf(String conversationId) {
        Entry e = byConversation.get(conversationId);
        return e == null ? null : e.agentUserId;
    }

    /** Stores {@code view} if its conversation is bound to {@code agentUserId}. */
    boolean update(String agentUserId, ConversationView view, long nowNanos) {
        Entry e = byConversation.get(view.conversationId());
        if (e == null || !e.agentUserId.equals(agentUserId)) {
            return false;
        }
        e.view = view;
        e.touchedNanos = nowNanos;
        return true;
    }

    /** Marks a bound conversation as active (progress); false if not bound to this agent. */
    boolean touch(String agentUserId, String conversationId, long nowNanos) {
        Entry e = byConversation.get(conversationId);
        if (e == null || !e.agentUserId.equals(agentUserId)) {
            return false;
        }
        e.touchedNanos = nowNanos;
        return true;
    }

    /** The published views of an agent's conversations, oldest update first. */
    List<ConversationView> viewsOf(String agentUserId) {
        List<ConversationView> out = new ArrayList<>();
        for (String c : byAgent.getOrDefault(agentUserId, Set.of())) {
            ConversationView v = byConversation.get(c).view;
            if (v != null) {
                out.add(v);
            }
        }
        out.sort(Comparator.comparing(ConversationView::updatedAt));
        return out;
    }

    /** Removes bindings idle past the TTL; returns (conversationId, agentUserId) pairs removed. */
    List<Map.Entry<String, String>> sweep(long nowNanos) {
        List<Map.Entry<String, String>> expired = new ArrayList<>();
        byConversation.forEach((c, e) -> {
            if (nowNanos - e.touchedNanos >= idleTtlNanos) {
                expired.add(Map.entry(c, e.agentUserId));
            }
        });
        expired.forEach(x -> remove(x.getKey()));
        return expired;
    }

    int size() {
        return byConversation.size();
    }
}
