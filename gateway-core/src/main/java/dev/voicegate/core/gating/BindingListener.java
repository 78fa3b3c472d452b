package dev.voicegate.core.gating;

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
