package dev.voicegate.notifier.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert on a conversation.
 *
 * @param type          what kind of alert
 * @param transactionId the transaction that raised it, or null
 * @param detail        a short PII-free explanation for the agent, or null
 * @param raisedAt      when it was raised
 */
public record AlertView(AlertType type, String transactionId, String detail, Instant raisedAt) {
    public AlertView {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }
}
