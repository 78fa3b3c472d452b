package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.core.time.Timers;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Collaborators of the transaction layer.
 *
 * @param engine    the voiceprint engine
 * @param store     its store (consent, opt-out, enrolled check) — blocking: only from {@code blocking}
 * @param timers    maxListen deadlines
 * @param blocking  a bounded executor for store I/O
 * @param clock     wall time
 * @param ticker    monotonic nanoseconds
 * @param registry  metrics
 * @param activity  one-line activity events (logs, the demo)
 * @param completed told after each finished transaction (write-back, transaction log); must not block
 */
public record TxDeps(VoiceprintEngine engine, VoiceprintStore store, Timers timers, Executor blocking,
                     Clock clock, LongSupplier ticker, MeterRegistry registry, Consumer<Activity> activity,
                     BiConsumer<TxContext, TxOutcome> completed) {

    /**
     * Where a transaction ran. {@code subject} is the store's pseudonym ({@link VoiceprintStore#pseudonym}) of
     * the call's claimed biokey, or null: it links the record to a person for access and erasure requests
     * without naming them.
     */
    public record TxContext(String conversationId, String agentUserId, String customerParticipantId, String subject) {
        /** A context without a subject (the call had no claimed identity). */
        public TxContext(String conversationId, String agentUserId, String customerParticipantId) {
            this(conversationId, agentUserId, customerParticipantId, null);
        }
    }

    /** What a transaction produced (no audio, no biometric data). */
    public record TxOutcome(String transactionId, String kind, String state, double netSpeechSeconds,
                            java.time.Instant startedAt, java.time.Instant endedAt, java.util.Map<String, String> attributes) {
    }

    void activity(CallSession call, Activity.Kind kind, String text) {
        activity.accept(new Activity(clock.instant(), call.conversationId(), call.agent(), kind, text));
    }

    void activity(String conversationId, String agent, Activity.Kind kind, String text) {
        activity.accept(new Activity(clock.instant(), conversationId, agent, kind, text));
    }

    /** The record's context: the call, its agent and the store's pseudonym of the claimed biokey (or null). */
    private TxContext context(CallSession call) {
        var claim = call.primaryClaim();
        String subject = claim == null ? null : store.pseudonym(claim.key());
        return new TxContext(call.conversationId(), call.agent(), call.binding.event().customerParticipantId(), subject);
    }

    /**
     * After the agent's confirm/reject: a record of kind {@code DECISION} (state CONFIRMED/REJECTED) with the
     * call's decision attributes, for the transaction log (the audit of who decided is the notifier's
     * {@code AuditSink}) and the write-back, so an Architect flow sees {@code BioDecision} change.
     */
    void afterDecision(CallSession call) {
        java.time.Instant now = clock.instant();
        var attrs = DecisionPolicy.attributes(DecisionPolicy.apply(dev.voicegate.notifier.api.BioResults.builder().build(),
                call.decision()), call.decision(), call.verified);
        completed.accept(context(call),
                new TxOutcome(java.util.UUID.randomUUID().toString(), "DECISION", call.decision.name(), 0, now, now, attrs));
    }

    void afterTransaction(CallSession call, Transaction tx) {
        var attrs = tx.results == null ? java.util.Map.<String, String>of()
                : DecisionPolicy.attributes(tx.results, call.decision(), call.verified);
        completed.accept(context(call),
                new TxOutcome(tx.id, tx.kind.name(), tx.state.name(), tx.heardSeconds, tx.startedAt, tx.endedAt, attrs));
    }
}
