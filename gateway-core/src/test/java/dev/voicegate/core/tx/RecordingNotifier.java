package dev.voicegate.core.tx;

import dev.voicegate.notifier.api.AgentNotifier;
import dev.voicegate.notifier.api.ConversationView;
import dev.voicegate.notifier.api.ProgressUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AgentNotifier} that records what the transaction layer tells agents (a fake of our own
 * interface: it records calls, it decides nothing). Like the real one, it accepts views and progress
 * only for a conversation bound to that agent.
 */
final class RecordingNotifier implements AgentNotifier {
    private final Map<String, String> bound = new ConcurrentHashMap<>();
    private final List<String> events = new ArrayList<>();
    private final List<ConversationView> views = new ArrayList<>();
    private final List<ProgressUpdate> progress = new ArrayList<>();

    @Override
    public synchronized boolean bind(String conversationId, String agentUserId) {
        bound.put(conversationId, agentUserId);
        events.add("bind " + conversationId + " " + agentUserId);
        return true;
    }

    @Override
    public synchronized void unbind(String conversationId) {
        bound.remove(conversationId);
        events.add("unbind " + conversationId);
    }

    @Override
    public synchronized boolean publish(String agentUserId, ConversationView view) {
        if (!agentUserId.equals(bound.get(view.conversationId()))) {
            events.add("publish refused " + view.conversationId() + " " + agentUserId);
            return false;
        }
        views.add(view);
        return true;
    }

    @Override
    public synchronized boolean progress(String agentUserId, ProgressUpdate update) {
        if (!agentUserId.equals(bound.get(update.conversationId()))) {
            events.add("progress refused " + update.conversationId() + " " + agentUserId);
            return false;
        }
        progress.add(update);
        return true;
    }

    @Override
    public int connectedClients(String agentUserId) {
        return 1;
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<ConversationView> views(String conversationId) {
        return views.stream().filter(v -> v.conversationId().equals(conversationId)).toList();
    }

    synchronized Optional<ConversationView> latest(String conversationId) {
        List<ConversationView> mine = views(conversationId);
        return mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1));
    }

    synchronized List<ProgressUpdate> progress(String conversationId) {
        return progress.stream().filter(p -> p.conversationId().equals(conversationId)).toList();
    }
}
