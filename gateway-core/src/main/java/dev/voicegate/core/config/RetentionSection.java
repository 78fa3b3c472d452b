package dev.voicegate.core.config;

import java.time.Duration;

/**
 * {@code retention:} — how long records are kept before the scheduled purge deletes them.
 *
 * @param transactions transaction records (opaque ids and results, never audio)
 * @param audit        the biometric audit trail
 */
public record RetentionSection(Duration transactions, Duration audit) {
    public RetentionSection {
        transactions = Checks.positive("retention.transactions", transactions, Duration.ofDays(30));
        audit = Checks.positive("retention.audit", audit, Duration.ofDays(365));
    }
}
