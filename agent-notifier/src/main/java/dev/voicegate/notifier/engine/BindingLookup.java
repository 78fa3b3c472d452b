package dev.voicegate.notifier.engine;

/** Who a conversation is bound to (the basis of every authorisation decision). */
@FunctionalInterface
public interface BindingLookup {

    /** The bound agent's user id, or null when the conversation is not bound. */
    String boundAgentOf(String conversationId);
}
