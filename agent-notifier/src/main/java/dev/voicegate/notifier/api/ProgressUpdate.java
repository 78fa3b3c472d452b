package dev.voicegate.notifier.api;

import java.util.Objects;

/**
 * A cheap live update of one running transaction (sent while LISTENING). Superseded updates for
 * the same transaction that are still queued for a client are coalesced: only the newest is sent.
 *
 * @param conversationId         the conversation
 * @param transactionId          the transaction
 * @param state                  its state now
 * @param netSpeechSeconds       net speech heard so far (seconds, &ge; 0)
 * @param netSpeechNeededSeconds net speech needed (seconds, &gt; 0)
 */
public record ProgressUpdate(String conversationId, String transactionId, TransactionState state,
                             double netSpeechSeconds, double netSpeechNeededSeconds) {

    public ProgressUpdate {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(state, "state");
        checkSpeech(netSpeechSeconds, netSpeechNeededSeconds);
    }

    static void checkSpeech(double heard, double needed) {
        if (!(heard >= 0.0) || Double.isInfinite(heard)) {
            throw new IllegalArgumentException("netSpeechSeconds: " + heard + " (expected: finite >= 0)");
        }
        if (!(needed > 0.0) || Double.isInfinite(needed)) {
            throw new IllegalArgumentException("netSpeechNeededSeconds: " + needed + " (expected: finite > 0)");
        }
    }
}
