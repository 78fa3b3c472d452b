package dev.voicegate.core.tx;

import dev.voicegate.core.genesys.OrgPorts;
import dev.voicegate.core.time.Timers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * Writes each completed transaction's results to the Genesys conversation as participant attributes
 * (issue #5 §4) so Architect flows can branch on them. Runs after the agent was notified and never
 * delays it; failures are retried with exponential backoff (1 s, 2 s, 4 s), then logged and counted.
 */
public final class WriteBack {
    private static final Logger log = LoggerFactory.getLogger(WriteBack.class);
    static final int ATTEMPTS = 4;

    private final OrgPorts org;
    private final Timers timers;
    private final Counter ok;
    private final Counter failed;

    public WriteBack(OrgPorts org, Timers timers, MeterRegistry registry) {
        this.org = org;
        this.timers = timers;
        this.ok = Counter.builder("voicegate.tx.writeback").tag("outcome", "ok").register(registry);
        this.failed = Counter.builder("voicegate.tx.writeback").tag("outcome", "failed").register(registry);
    }

    public void write(TxDeps.TxContext ctx, TxDeps.TxOutcome outcome) {
        if (ctx.customerParticipantId() == null || outcome.attributes().isEmpty()) {
            return;
        }
        attempt(ctx, outcome.attributes(), 1);
    }

    private void attempt(TxDeps.TxContext ctx, Map<String, String> attributes, int n) {
        org.writeAttributes(ctx.conversationId(), ctx.customerParticipantId(), attributes).whenComplete((v, failure) -> {
            if (failure == null) {
                ok.increment();
            } else if (n < ATTEMPTS) {
                timers.schedule(() -> attempt(ctx, attributes, n + 1), Duration.ofSeconds(1L << (n - 1)));
            } else {
                failed.increment();
                log.warn("[conv={}] write-back of {} attribute(s) failed after {} attempts: {}", ctx.conversationId(),
                        attributes.size(), ATTEMPTS, failure.getMessage());
            }
        });
    }
}
