package dev.voicegate.core;

import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.core.config.RetentionSection;
import dev.voicegate.core.tx.TransactionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The retention policy, run hourly off the event loops: transaction records older than
 * {@code retention.transactions}, audit events older than {@code retention.audit}, and voiceprints idle
 * for longer than {@code retention.voiceprints} (erased like an erasure request, leaving a tombstone).
 */
final class RetentionJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final int BATCH = 500;
    static final String BY = "retention-policy";

    private final RetentionSection policy;
    private final VoiceprintStore store;
    private final TransactionLog txLog;
    private final Clock clock;
    private final Consumer<String> forget;

    /** @param forget drops an erased biokey from the engine's in-memory indexes */
    RetentionJob(RetentionSection policy, VoiceprintStore store, TransactionLog txLog, Clock clock, Consumer<String> forget) {
        this.policy = policy;
        this.store = store;
        this.txLog = txLog;
        this.clock = clock;
        this.forget = forget;
    }

    @Override
    public void run() {
        try {
            txLog.purge().join();
            Instant now = clock.instant();
            int audits = store.pruneAuditEvents(now.minus(policy.audit()), BY);
            int erased = 0;
            List<String> idle;
            do {
                idle = store.idleVoiceprints(now.minus(policy.voiceprints()), BATCH);
                for (String biokey : idle) {
                    store.erase(biokey, now, BY);
                    forget.accept(biokey);
                    erased++;
                }
            } while (idle.size() == BATCH);
            if (audits > 0 || erased > 0) {
                log.info("retention: {} audit event(s) pruned, {} idle voiceprint(s) erased", audits, erased);
            }
        } catch (RuntimeException e) {
            log.warn("retention run failed; it runs again within the hour: {}", e.toString());
        }
    }
}
