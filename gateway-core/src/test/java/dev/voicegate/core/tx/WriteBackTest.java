package dev.voicegate.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.core.directory.MemberSource;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.core.gating.ConversationLookup;
import dev.voicegate.core.genesys.OrgPorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The write-back sends one request per result and leaves retrying to the Genesys client (the one
 * retry policy, which retries 5xx/I/O and never a 4xx): a failure is counted, not retried again here.
 */
class WriteBackTest {

    /** Records write requests and answers them with the given outcome; every other port is unused. */
    private static final class RecordingOrg implements OrgPorts {
        final List<Map<String, String>> writes = new ArrayList<>();
        final CompletableFuture<Void> answer;

        RecordingOrg(CompletableFuture<Void> answer) {
            this.answer = answer;
        }

        @Override
        public CompletionStage<Void> writeAttributes(String conversationId, String participantId, Map<String, String> attributes) {
            writes.add(attributes);
            return answer;
        }

        @Override public MemberSource members() { throw new UnsupportedOperationException(); }
        @Override public ConversationLookup lookup() { throw new UnsupportedOperationException(); }
        @Override public void onEvents(Consumer<AgentConversationEvent> listener) { }
        @Override public void onHealth(Consumer<Boolean> listener) { }
        @Override public boolean healthy() { return true; }
        @Override public void setMonitoredAgents(Set<String> userIds) { }
        @Override public void start() { }
        @Override public CompletionStage<OrgUser> userForToken(String bearerToken) { throw new UnsupportedOperationException(); }
        @Override public void close() { }
    }

    private static final TxDeps.TxContext CTX = new TxDeps.TxContext("conv-1", "agent-1", "customer-1");
    private static final TxDeps.TxOutcome OUTCOME = new TxDeps.TxOutcome("tx-1", "VERIFY", "COMPLETED", 8.0,
            Instant.EPOCH, Instant.EPOCH, Map.of("BioResult", "TRUE_HIGH"));

    private static double count(SimpleMeterRegistry r, String outcome) {
        return r.get("voicegate.tx.writeback").tag("outcome", outcome).counter().count();
    }

    @Test
    void aRejectedWriteIsCountedOnceAndNotRetried() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RecordingOrg org = new RecordingOrg(CompletableFuture.failedFuture(new IllegalStateException("HTTP 400 bad attribute")));
        new WriteBack(org, registry).write(CTX, OUTCOME);
        assertThat(org.writes).hasSize(1);
        assertThat(count(registry, "failed")).isEqualTo(1.0);
        assertThat(count(registry, "ok")).isZero();
    }

    @Test
    void aSuccessfulWriteSendsTheOutcomesAttributes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RecordingOrg org = new RecordingOrg(CompletableFuture.completedFuture(null));
        new WriteBack(org, registry).write(CTX, OUTCOME);
        assertThat(org.writes).containsExactly(Map.of("BioResult", "TRUE_HIGH"));
        assertThat(count(registry, "ok")).isEqualTo(1.0);
    }

    @Test
    void nothingIsSentWithoutACustomerParticipant() {
        RecordingOrg org = new RecordingOrg(CompletableFuture.completedFuture(null));
        new WriteBack(org, new SimpleMeterRegistry()).write(new TxDeps.TxContext("conv-1", "agent-1", null), OUTCOME);
        assertThat(org.writes).isEmpty();
    }
}
