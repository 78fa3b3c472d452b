package dev.voicegate.genesys.api;

/**
 * Receives typed conversation events of monitored agents. Called on the notification service's
 * single serial thread, one event at a time and in arrival order; implementations must return
 * quickly and never block (hand work to another executor). An exception thrown here is logged and
 * counted; it does not stop delivery.
 */
@FunctionalInterface
public interface ConversationEventListener {
    void onEvent(ConversationEvent event);
}
