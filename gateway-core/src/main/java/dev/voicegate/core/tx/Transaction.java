package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.core.time.Timers;
import dev.voicegate.notifier.api.BioResults;
import dev.voicegate.notifier.api.TransactionKind;
import dev.voicegate.notifier.api.TransactionState;
import dev.voicegate.notifier.api.TransactionView;

import java.time.Instant;
import java.util.UUID;

/**
 * One biometric job on a call (issue #5 §1). Mutable; guarded by its {@link CallSession}'s lock.
 * Its id is opaque (random), never derived from the caller.
 */
final class Transaction {
    final String id = UUID.randomUUID().toString();
    final TransactionKind kind;
    final double neededSeconds;
    final Instant startedAt;
    TxState state = TxState.REQUESTED;
    Analysis analysis;
    double heardSeconds;
    Instant endedAt;
    BioResults results;
    /** Consent given for an ENROLL transaction; recorded only with the stored voiceprint. */
    dev.voicegate.biometrics.store.ConsentRecord consent;
    Timers.Cancellable deadline = () -> { };
    long thresholdReachedNanos;
    int chunks;

    Transaction(TransactionKind kind, double neededSeconds, Instant startedAt) {
        this.kind = kind;
        this.neededSeconds = neededSeconds;
        this.startedAt = startedAt;
    }

    void moveTo(TxState next) {
        state = state.transitionTo(next);
    }

    boolean active() {
        return !state.terminal();
    }

    TransactionView view() {
        return new TransactionView(id, kind, TransactionState.valueOf(state.name()), heardSeconds, neededSeconds,
                startedAt, endedAt, results);
    }
}
