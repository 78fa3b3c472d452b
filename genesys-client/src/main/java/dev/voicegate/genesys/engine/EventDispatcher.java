package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.genesys.api.ConversationEventListener;
import dev.voicegate.genesys.api.ConversationSnapshot;
import dev.voicegate.genesys.api.NotificationHealthListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands deduplicated conversation events and health changes to the registered listeners, isolating
 * the service from listener failures (logged and counted). Called on the serial executor only.
 */
final class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final ConversationTracker tracker;
    private final Clock clock;
    private final List<ConversationEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<NotificationHealthListener> healthListeners = new CopyOnWriteArrayList<>();
    private NotificationMetrics metrics;

    EventDispatcher(ConversationTracker tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    void metrics(NotificationMetrics metrics) {
        this.metrics = metrics;
    }

    void addListener(ConversationEventListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    void addHealthListener(NotificationHealthListener l) {
        healthListeners.add(Objects.requireNonNull(l, "listener"));
    }

    /** Emits the agent's event if the snapshot changes its state on the conversation. */
    void deliver(String userId, ConversationSnapshot snapshot) {
        tracker.update(userId, snapshot, clock.instant()).ifPresent(e -> {
            metrics.emitted(e.kind() == ConversationEvent.Kind.AGENT_CONNECTED ? "connected" : "ended");
            log.debug("[genesys conv={} agent={}] {}", e.conversationId(), userId, e.kind());
            for (ConversationEventListener l : listeners) {
                try {
                    l.onEvent(e);
                } catch (RuntimeException ex) {
                    metrics.failure("listener");
                    log.error("[genesys conv={} agent={}] event listener failed", e.conversationId(), userId, ex);
                }
            }
        });
    }

    void healthChanged(boolean healthy, String why) {
        log.info("[genesys] notifications {} ({})", healthy ? "healthy" : "UNHEALTHY", why);
        for (NotificationHealthListener l : healthListeners) {
            try {
                l.onHealthChanged(healthy, why);
            } catch (RuntimeException ex) {
                log.error("[genesys] health listener failed", ex);
            }
        }
    }
}
