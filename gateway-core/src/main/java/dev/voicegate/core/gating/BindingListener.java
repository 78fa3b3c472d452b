package dev.voicegate.core.gating;

import dev.voicegate.audiohook.api.AudioHookSession;

/**
 * Told when streams are bound to, re-bound between, and released from monitored agents. Called
 * from the correlator's caller thread (an event loop or the Genesys client's thread); must not block.
 */
public interface BindingListener {
    /** The stream may now carry audio for {@code binding.agentUserId()}; it has been asked to resume. */
    void onBound(Binding binding);

    /** A transfer moved the conversation to another monitored agent. */
    default void onRebound(Binding previous, Binding current) {
    }

    /** A stream that no monitored agent claimed in time was disconnected (never bound, or released after its agent left). */
    default void onReleased(AudioHookSession session, String conversationId, String reason) {
    }

    /** The stream no longer belongs to a monitored agent (paused or ended). */
    void onUnbound(Binding binding, String reason);

    BindingListener NONE = new BindingListener() {
        @Override
        public void onBound(Binding binding) {
        }

        @Override
        public void onUnbound(Binding binding, String reason) {
        }
    };
}
