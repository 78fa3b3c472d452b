package dev.voicegate.core.config;

import java.time.Duration;

/**
 * {@code retention:} — how long records are kept before the scheduled purge deletes them.
 *
 * @param transactions transaction records (opaque ids and results, never audio)
 * @param audit        the biometric audit trail
 * @param voiceprints  a voiceprint not used (enrolled or verified against) for this long is erased
 *                     (BIPA: destroy within 3 years of the last interaction)
 */
public record RetentionSection(Duration transactions, Duration audit, Duration voiceprints) {
    public RetentionSection {
        transactions = Checks.positive("retention.transactions", transactions, Duration.ofDays(30));
        voiceprints = Checks.positive("retention.voiceprints", voiceprints, Duration.ofDays(3 * 365));
        audit = Checks.positive("retention.audit", audit, voiceprints);
        if (audit.compareTo(voiceprints) < 0) {
            throw ConfigException.invalid("retention.audit", Durations.format(audit), ">= retention.voiceprints ("
                    + Durations.format(voiceprints) + "): the voiceprint policy reads the audit trail to find the last use");
        }
    }

    /** Transactions and audit; idle voiceprints are kept as long as the audit trail. */
    public RetentionSection(Duration transactions, Duration audit) {
        this(transactions, audit, audit);
    }
}
