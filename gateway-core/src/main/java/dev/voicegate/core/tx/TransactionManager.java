package dev.voicegate.core.tx;

import dev.voicegate.audiohook.api.AudioChunk;
import dev.voicegate.audiohook.api.AudioHookSession;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.core.config.TransactionsSection;
import dev.voicegate.core.gating.Binding;
import dev.voicegate.core.gating.BindingListener;
import dev.voicegate.core.identity.Biokey;
import dev.voicegate.core.identity.ClaimedIdentityResolver;
import dev.voicegate.notifier.api.AgentNotifier;
import dev.voicegate.notifier.api.AlertType;
import dev.voicegate.notifier.api.AlertView;
import dev.voicegate.notifier.api.BioResults;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.ProgressUpdate;
import dev.voicegate.notifier.api.TransactionKind;
import dev.voicegate.notifier.api.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs transactions on bound calls (issue #5 §1): a transaction resumes the stream, feeds the
 * customer channel (the agent channel only to drop crosstalk) to the engine until enough net speech
 * or {@code transactions.maxListen}, publishes the result to the agent, and pauses the stream again
 * unless another transaction waits or an enrollment is collecting speech until the end of the call.
 *
 * <p>Threading: audio arrives on AudioHook event loops, commands on notifier threads, results on
 * engine threads. Each call's state is guarded by its {@link CallSession}; nothing here blocks
 * (store I/O runs on {@link TxDeps#blocking()}).
 */
public final class TransactionManager implements BindingListener, AudioSink {
    private static final Logger log = LoggerFactory.getLogger(TransactionManager.class);
    static final int SAMPLE_RATE = 8000;
    private static final int PROGRESS_EVERY_CHUNKS = 5;

    private final TransactionsSection config;
    private final ClaimedIdentityResolver resolver;
    private final TxDeps deps;
    private final TxMetrics metrics;
    private final Map<String, CallSession> bySession = new ConcurrentHashMap<>();
    private final Map<String, CallSession> byConversation = new ConcurrentHashMap<>();
    private final CommandHandler commands;
    private volatile AgentNotifier notifier;

    public TransactionManager(TransactionsSection config, ClaimedIdentityResolver resolver, TxDeps deps) {
        this.config = config;
        this.resolver = resolver;
        this.deps = deps;
        this.metrics = new TxMetrics(deps.registry(), bySession::size);
        this.commands = new CommandHandler(this, deps, config);
    }

    /** Attaches the agent push (created after this manager, since it needs {@link #commands()}). */
    public void attachNotifier(AgentNotifier notifier) {
        this.notifier = notifier;
    }

    /** The agent-command side (registered with the agent notifier). */
    public CommandHandler commands() {
        return commands;
    }

    CallSession call(String conversationId) {
        return byConversation.get(conversationId);
    }

    /** Whether this instance holds the live call of {@code conversationId}. */
    public boolean holds(String conversationId) {
        return byConversation.containsKey(conversationId);
    }

    // ---- bindings ------------------------------------------------------------------------------

    @Override
    public void onBound(Binding b) {
        var e = b.event();
        CallSession call = new CallSession(b, resolver.resolve(e.customerAni(), e.attributes()));
        bySession.put(b.session().sessionId(), call);
        byConversation.put(b.conversationId(), call);
        notifier.bind(b.conversationId(), b.agentUserId());
        Biokey claim = call.primaryClaim();
        deps.activity(call, Activity.Kind.BOUND, "call bound to agent " + b.agentUserId() + "; claimed identity "
                + (claim == null ? "none" : claim));
        synchronized (call) {
            publish(call);
            switch (config.autoStart()) {
                case "verify" -> request(call, claim != null ? TransactionKind.VERIFY : TransactionKind.IDENTIFY);
                case "identify" -> request(call, TransactionKind.IDENTIFY);
                default -> { }
            }
        }
        if (claim != null) {
            try {
                deps.blocking().execute(() -> recognise(call, claim));
            } catch (java.util.concurrent.RejectedExecutionException overloaded) {
                log.warn("[conv={}] store executor full; identity state not checked at bind", b.conversationId());
            }
        }
    }

    /** A claimed identity that maps to an enrolled voiceprint makes the caller Recognized. */
    private void recognise(CallSession call, Biokey claim) {
        boolean enrolled = deps.store().get(claim.key()).isPresent();
        synchronized (call) {
            if (enrolled && claim.equals(call.primaryClaim()) && !call.recognized && !call.ended) {
                call.recognized = true;
                publish(call);
            }
        }
    }

    @Override
    public void onRebound(Binding previous, Binding current) {
        CallSession call = bySession.get(current.session().sessionId());
        if (call == null) {
            return;
        }
        synchronized (call) {
            call.binding = current;
            notifier.unbind(current.conversationId());
            notifier.bind(current.conversationId(), current.agentUserId());
            publish(call);
        }
        deps.activity(call, Activity.Kind.BOUND, "transferred from agent " + previous.agentUserId() + " to " + current.agentUserId());
    }

    @Override
    public void onUnbound(Binding b, String reason) {
        CallSession call = bySession.remove(b.session().sessionId());
        if (call == null) {
            return;
        }
        byConversation.remove(b.conversationId(), call);
        Transaction enrolling;
        synchronized (call) {
            call.ended = true;
            call.queue.clear();
            if (call.current != null && (call.current.state == TxState.REQUESTED || call.current.state == TxState.RESUMING
                    || call.current.state == TxState.LISTENING)) {
                call.current.deadline.cancel();
                // Cancelled, not failed: no result to show or write back (an ERROR would mislead Architect flows).
                finish(call, call.current, TxState.CANCELLED, null);
            }
            enrolling = call.enrollment;
            publish(call);
        }
        deps.activity(call, Activity.Kind.UNBOUND, "call ended (" + reason + ")");
        if (enrolling != null) {
            commands.commitEnrollment(call, enrolling).whenComplete((ok, err) -> {
                notifier.unbind(b.conversationId());
                call.release();
            });
        } else {
            notifier.unbind(b.conversationId());
            call.release();
        }
    }

    @Override
    public void onReleased(AudioHookSession session, String conversationId, String reason) {
        deps.activity(conversationId, null, Activity.Kind.GATED_OUT, "stream disconnected: " + reason);
    }

    // ---- audio ---------------------------------------------------------------------------------

    @Override
    public void onResumed(AudioHookSession session) {
        CallSession call = bySession.get(session.sessionId());
        if (call == null) {
            return;
        }
        synchronized (call) {
            call.streaming = true;
            if (call.current != null && call.current.state == TxState.RESUMING) {
                call.current.moveTo(TxState.LISTENING);
                publish(call);
            }
        }
    }

    @Override
    public void onPaused(AudioHookSession session) {
        CallSession call = bySession.get(session.sessionId());
        if (call != null) {
            synchronized (call) {
                call.streaming = false;
            }
        }
    }

    @Override
    public void onAudio(AudioHookSession session, AudioChunk chunk) {
        CallSession call = bySession.get(session.sessionId());
        short[] customer = chunk.external();
        if (call == null || customer == null || chunk.samples() == 0) {
            return;
        }
        short[] ext = Arrays.copyOf(customer, chunk.samples());
        short[] agent = chunk.internal() == null ? null : Arrays.copyOf(chunk.internal(), chunk.samples());
        synchronized (call) {
            Transaction tx = call.current;
            if (tx != null && tx.state == TxState.RESUMING) {
                tx.moveTo(TxState.LISTENING);
            }
            if (tx != null && tx.state == TxState.LISTENING) {
                tx.analysis.feed(ext, agent);
                listenProgress(call, tx);
            }
            Transaction en = call.enrollment;
            if (en != null && en.state == TxState.LISTENING) {
                en.analysis.feed(ext, agent);
                listenProgress(call, en);
            }
        }
    }

    private void listenProgress(CallSession call, Transaction tx) {
        if (++tx.chunks % PROGRESS_EVERY_CHUNKS != 0) {
            return;
        }
        tx.heardSeconds = tx.analysis.interim().quality().netSpeechSeconds();
        notifier.progress(call.agent(), new ProgressUpdate(call.conversationId(), tx.id,
                TransactionState.LISTENING, tx.heardSeconds, tx.neededSeconds));
        if (tx.kind != TransactionKind.ENROLL && tx.heardSeconds >= tx.neededSeconds) {
            tx.thresholdReachedNanos = deps.ticker().getAsLong();
            decide(call, tx);
        }
    }

    // ---- transactions --------------------------------------------------------------------------

    /** Starts (or queues, or coalesces) a transaction; call with the call's lock held. */
    CommandOutcome request(CallSession call, TransactionKind kind) {
        if (call.ended) {
            return CommandOutcome.refused("the call has ended");
        }
        if ((call.current != null && call.current.kind == kind) || call.queue.stream().anyMatch(t -> t.kind == kind)) {
            return CommandOutcome.ok("already running");
        }
        if (call.started >= config.maxPerCall()) {
            return CommandOutcome.refused("limit of " + config.maxPerCall() + " transactions per call reached");
        }
        Transaction tx = new Transaction(kind, config.netSpeech().toMillis() / 1000.0, deps.clock().instant());
        call.started++;
        if (call.current == null) {
            begin(call, tx);
        } else {
            call.queue.add(tx);
        }
        return CommandOutcome.ok();
    }

    private void begin(CallSession call, Transaction tx) {
        Biokey claim = call.primaryClaim();
        AnalysisRequest req = tx.kind == TransactionKind.VERIFY && claim != null
                ? AnalysisRequest.verify(SAMPLE_RATE, claim.key()) : AnalysisRequest.identify(SAMPLE_RATE);
        tx.analysis = deps.engine().newAnalysis(req);
        call.current = tx;
        if (call.streaming) {
            tx.moveTo(TxState.LISTENING);
        } else {
            tx.moveTo(TxState.RESUMING);
            call.binding.session().resume();
        }
        tx.deadline = deps.timers().schedule(() -> onDeadline(call, tx), config.maxListen());
        metrics.started(tx.kind);
        deps.activity(call, Activity.Kind.TX_STARTED, tx.kind + " started" + (tx.kind == TransactionKind.VERIFY
                ? " (claimed " + claim + ")" : "") + ", listening for " + tx.neededSeconds + " s of net speech");
        publish(call);
    }

    private void onDeadline(CallSession call, Transaction tx) {
        synchronized (call) {
            if (tx.state == TxState.LISTENING || tx.state == TxState.RESUMING) {
                if (tx.state == TxState.RESUMING) {
                    tx.moveTo(TxState.LISTENING);
                }
                tx.thresholdReachedNanos = deps.ticker().getAsLong();
                decide(call, tx);
            }
        }
    }

    private void decide(CallSession call, Transaction tx) {
        tx.deadline.cancel();
        tx.moveTo(TxState.DECIDING);
        publish(call); // the agent sees "deciding" while the embedding and the 1:N search run
        // finish() flushes the front end and computes the embedding: run it off the AudioHook event loop.
        // No more audio reaches this analysis (it is DECIDING), and the hand-off orders the two threads.
        try {
            java.util.concurrent.CompletableFuture.supplyAsync(tx.analysis::finish, deps.blocking())
                    .thenCompose(f -> f)
                    .whenComplete((result, failure) -> decided(call, tx, result, failure));
        } catch (java.util.concurrent.RejectedExecutionException overloaded) {
            decided(call, tx, null, overloaded);
        }
    }

    private void decided(CallSession call, Transaction tx, AnalysisResult result, Throwable failure) {
        synchronized (call) {
            if (failure != null || result == null) {
                log.warn("[conv={}] {} {} failed: {}", call.conversationId(), tx.kind, tx.id, String.valueOf(failure));
                finish(call, tx, TxState.FAILED, ResultMapper.error("analysis failed"));
            } else {
                tx.heardSeconds = result.quality().netSpeechSeconds();
                raiseAlerts(call, tx, result);
                learn(call, result);
                finish(call, tx, TxState.COMPLETED, ResultMapper.toView(result));
            }
            metrics.decided(tx, deps.ticker().getAsLong() - tx.thresholdReachedNanos);
        }
    }

    /**
     * Records what a result says about who the caller is (the decision policy's facts; every alert raised
     * before is a veto). The state the agent sees and what is written back follow from them in {@link #finish}.
     */
    private static void learn(CallSession call, AnalysisResult r) {
        if (r.verification() != null) {
            var v = dev.voicegate.notifier.api.BioResult.valueOf(r.verification().result().name());
            if (DecisionPolicy.conclusive(v)) {   // too little speech or an error leaves the earlier verify standing
                call.verified = v;
            }
        }
        if (r.search() != null && r.search().search() == dev.voicegate.biometrics.api.BioSearch.FOUND_ONE) {
            call.recognized = true;
        }
    }

    private void raiseAlerts(CallSession call, Transaction tx, AnalysisResult r) {
        if (r.blocklist() != null && r.blocklist().result() == dev.voicegate.biometrics.api.BlocklistResult.MATCH) {
            alert(call, tx, AlertType.BLOCKLIST_MATCH, "blocklist " + r.blocklist().listId() + ", fraudster " + r.blocklist().fraudsterId());
        }
        if (r.liveness() != null && r.liveness().result() == dev.voicegate.biometrics.api.LiveVoiceResult.SPOOFED) {
            alert(call, tx, AlertType.SPOOF_SUSPECTED, "replayed or synthetic audio suspected");
        }
        if (r.speakerChange() != null && r.speakerChange().changed()) {
            alert(call, tx, AlertType.SPEAKER_CHANGED, speakerChangeDetail(tx, r.speakerChange().at()));
        }
    }

    /** Says seconds of what: the offset is into the audio this transaction analysed, which began when it started listening. */
    static String speakerChangeDetail(Transaction tx, java.time.Duration at) {
        String what = tx.kind == TransactionKind.VERIFY ? "verification" : "identification";
        return at == null ? "a different voice than at the start of this " + what
                : String.format(java.util.Locale.ROOT, "a different voice from %.1f s into the audio this %s listened to", at.toMillis() / 1000.0, what);
    }

    private void alert(CallSession call, Transaction tx, AlertType type, String detail) {
        call.alert(new AlertView(type, tx.id, detail, deps.clock().instant()));
        metrics.alert(type);
        deps.activity(call, Activity.Kind.ALERT, "ALERT " + detail);
    }

    /** Ends a transaction, publishes, and moves on: next queued transaction, else pause (unless enrolling). */
    void finish(CallSession call, Transaction tx, TxState end, BioResults results) {
        tx.state = tx.state.transitionTo(end);
        tx.results = results == null ? null : DecisionPolicy.apply(results, call.decision());
        tx.endedAt = deps.clock().instant();
        tx.deadline.cancel();
        if (tx.analysis != null && tx != call.enrollment) {
            call.keepLastAnalysis(tx.analysis);
        }
        if (call.current == tx) {
            call.current = null;
        }
        if (call.enrollment == tx) {
            call.enrollment = null;
        }
        call.archive(tx);
        metrics.ended(tx, end);
        deps.activity(call, Activity.Kind.TX_COMPLETED, Describe.outcome(tx));
        publish(call);
        deps.afterTransaction(call, tx);
        next(call);
    }

    private void next(CallSession call) {
        if (call.current != null || call.ended) {
            return;
        }
        Transaction queued = call.queue.poll();
        if (queued != null) {
            begin(call, queued);
        } else if (call.enrollment == null) {
            // Not streaming from now on: a transaction or enrollment started before the client confirms the
            // pause must ask for the stream again (the session turns that into one resume after the pause).
            call.streaming = false;
            call.binding.session().pause();
        }
    }

    /** Sends the agent the full state of the call; call with the lock held. */
    void publish(CallSession call) {
        notifier.publish(call.agent(), call.view(deps.clock().instant()));
    }

    void ensureStreaming(CallSession call) {
        if (!call.streaming) {
            call.binding.session().resume();
        }
    }

    TxMetrics metrics() {
        return metrics;
    }

    int liveCalls() {
        return bySession.size();
    }
}
