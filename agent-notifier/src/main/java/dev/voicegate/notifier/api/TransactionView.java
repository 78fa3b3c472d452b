package dev.voicegate.notifier.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One biometric transaction on a conversation, as the agent sees it.
 *
 * @param transactionId          opaque id
 * @param kind                   VERIFY, IDENTIFY or ENROLL
 * @param state                  its current state
 * @param netSpeechSeconds       net speech heard so far (seconds, &ge; 0)
 * @param netSpeechNeededSeconds net speech needed to decide (seconds, &gt; 0)
 * @param startedAt              when it was requested
 * @param endedAt                when it reached a terminal state, else null
 * @param results                its results so far (null while none)
 */
public record TransactionView(String transactionId, TransactionKind kind, TransactionState state,
                              double netSpeechSeconds, double netSpeechNeededSeconds, Instant startedAt,
                              Instant endedAt, BioResults results) {

    public TransactionView {
        if (transactionId == null || transactionId.isBlank()) {
            throw new IllegalArgumentException("transactionId: '" + transactionId + "' (expected: non-blank)");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        ProgressUpdate.checkSpeech(netSpeechSeconds, netSpeechNeededSeconds);
    }
}
