package dev.voicegate.notifier.api;

/**
 * A transaction's state as shown to the agent. gateway-core owns the transaction state machine and
 * maps its states onto these view states.
 */
public enum TransactionState {
    REQUESTED, RESUMING, LISTENING, DECIDING, COMPLETED, FAILED, CANCELLED;

    /** Whether no further progress will be reported for a transaction in this state. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
