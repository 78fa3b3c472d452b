package dev.voicegate.core.tx;

import dev.voicegate.core.genesys.OrgPorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Writes each completed transaction's results to the Genesys conversation as participant attributes
 * (issue #5 §4) so Architect flows can branch on them. Runs after the agent was notified and never
 * delays it. One request per result: the Genesys client's REST executor is the one retry policy (5xx
 * and I/O errors with jittered backoff, 429 after its Retry-After; a 4xx is final), so this class adds no
 * retries of its own. A failure is logged once and counted.
 */
public final class WriteBack {
    private static final Logger log = LoggerFactory.getLogger(WriteBack.class);
    private final OrgPorts org;
    private final Counter ok;
    private final Counter failed;

    public WriteBack(OrgPorts org, MeterRegistry registry) {
        this.org = org;
        this.ok = Counter.builder("voicegate.tx.writeback").tag("outcome", "ok").register(registry);
        this.failed = Counter.builder("voicegate.tx.writeback").tag("outcome", "failed").register(registry);
    }

    public void write(TxDeps.TxContext ctx, TxDeps.TxOutcome outcome) {
        if (ctx.customerParticipantId() == null || outcome.attributes().isEmpty()) {
            return;
        }
        Map<String, String> attributes = outcome.attributes();
        org.writeAttributes(ctx.conversationId(), ctx.customerParticipantId(), attributes).whenComplete((v, failure) -> {
            if (failure == null) {
                ok.increment();
            } else {
                failed.increment();
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                log.warn("[conv={}] write-back of {} attribute(s) failed: {}", ctx.conversationId(), attributes.size(),
                        cause.getMessage());
            }
        });
    }
}
