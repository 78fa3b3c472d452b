package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.DuplicateRecordException;
import dev.voicegate.core.config.TransactionsSection;
import dev.voicegate.core.identity.Biokey;
import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentCommandListener;
import dev.voicegate.notifier.api.AgentDecision;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.BioResults;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.api.TransactionKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Agent commands from the app (issue #5 §2): verify again, identify, enroll (with consent), opt out,
 * confirm / reject identity, report fraud (supervisors), set the claimed id. Every command is
 * answered; a repeated request id gets the first answer again. Store I/O runs off the caller thread.
 */
public final class CommandHandler implements AgentCommandListener {
    private static final double ENROLL_SECONDS = dev.voicegate.biometrics.config.EngineConfig.DEFAULTS.minEnrollSpeech().toMillis() / 1000.0;

    private final TransactionManager tx;
    private final TxDeps deps;
    private final TransactionsSection config;
    private volatile double enrollSeconds = ENROLL_SECONDS;

    CommandHandler(TransactionManager tx, TxDeps deps, TransactionsSection config) {
        this.tx = tx;
        this.deps = deps;
        this.config = config;
    }

    /** Net speech an enrollment collects before it is adequate (biometrics.minEnrollSpeech). */
    public void enrollSeconds(double seconds) {
        this.enrollSeconds = seconds;
    }

    @Override
    public CompletionStage<CommandOutcome> onCommand(AgentPrincipal who, AgentCommand cmd) {
        CallSession call = tx.call(cmd.conversationId());
        if (call == null) {
            return done(CommandOutcome.refused("no live call " + cmd.conversationId() + " is bound to you"));
        }
        synchronized (call) {
            if (!call.agent().equals(who.userId()) && !who.has(Role.SUPERVISOR)) {
                return done(CommandOutcome.refused("this call is bound to another agent"));
            }
            CommandOutcome earlier = call.answered.get(cmd.requestId());
            if (earlier != null) {
                return done(earlier);
            }
        }
        CompletionStage<CommandOutcome> outcome = switch (cmd.type()) {
            case VERIFY_AGAIN -> sync(call, () -> call.primaryClaim() == null
                    ? CommandOutcome.refused("no claimed identity: enter the customer id first")
                    : tx.request(call, TransactionKind.VERIFY));
            case IDENTIFY -> sync(call, () -> tx.request(call, TransactionKind.IDENTIFY));
            case ENROLL -> enroll(call, who, cmd);
            case OPT_OUT -> optOut(call, who);
            case CONFIRM_IDENTITY -> sync(call, () -> decide(call, AgentDecision.CONFIRMED));
            case REJECT_IDENTITY -> sync(call, () -> decide(call, AgentDecision.REJECTED));
            case REPORT_FRAUD -> reportFraud(call, who);
            case SET_CLAIMED_ID -> sync(call, () -> setClaim(call, cmd.claimedId()));
        };
        return outcome.thenApply(o -> {
            synchronized (call) {
                call.answered.put(cmd.requestId(), o);
            }
            deps.activity(call, Activity.Kind.COMMAND, cmd.type() + " by " + who.userId() + ": "
                    + (o.accepted() ? "accepted" : "refused (" + o.reason() + ")"));
            return o;
        });
    }

    private interface Action {
        CommandOutcome run();
    }

    private static CompletionStage<CommandOutcome> sync(CallSession call, Action a) {
        synchronized (call) {
            return done(a.run());
        }
    }

    private static CompletionStage<CommandOutcome> done(CommandOutcome o) {
        return CompletableFuture.completedFuture(o);
    }

    /** The agent's confirm/reject: final for the call (the policy puts it above every engine result), written back. */
    private CommandOutcome decide(CallSession call, AgentDecision d) {
        call.decision = d;
        tx.publish(call);
        deps.afterDecision(call);
        return CommandOutcome.ok();
    }

    private CommandOutcome setClaim(CallSession call, String id) {
        if (id == null || id.isBlank() || id.length() > 128) {
            return CommandOutcome.refused("enter a customer id of 1 to 128 characters");
        }
        List<Biokey> keys = new ArrayList<>();
        keys.add(new Biokey(Biokey.Kind.CUSTOMER, id));
        call.claimed.stream().filter(k -> k.kind() == Biokey.Kind.PHONE).forEach(keys::add);
        call.claimed = List.copyOf(keys);
        call.resetIdentity();
        call.decision = null;   // the agent decided about the previous claim
        tx.publish(call);
        return CommandOutcome.ok("claimed identity set; press Verify to check it");
    }

    private CompletionStage<CommandOutcome> enroll(CallSession call, AgentPrincipal who, AgentCommand cmd) {
        List<Biokey> keys;
        synchronized (call) {
            if (!cmd.consent()) {
                return done(CommandOutcome.refused("consent required: tick the box once the caller has agreed"));
            }
            if (call.primaryClaim() == null) {
                return done(CommandOutcome.refused("no identity to enroll under: enter the customer id first"));
            }
            if (call.enrollment != null) {
                return done(CommandOutcome.ok("already enrolling"));
            }
            keys = List.copyOf(call.claimed);
        }
        return CompletableFuture.supplyAsync(() -> {
            for (Biokey k : keys) {
                if (deps.store().isOptedOut(k.key())) {
                    return CommandOutcome.refused("the caller opted out of voice biometrics; they cannot be enrolled");
                }
            }
            // The consent is kept with the transaction and recorded only with the stored voiceprint
            // (commitEnrollment): an enrollment that fails leaves no consent record.
            ConsentRecord consent = new ConsentRecord(deps.clock().instant(), "agent-app: verbal consent", who.userId());
            synchronized (call) {
                return startEnrollment(call, consent);
            }
        }, deps.blocking());
    }

    private CommandOutcome startEnrollment(CallSession call, ConsentRecord consent) {
        if (call.ended) {
            return CommandOutcome.refused("the call has ended");
        }
        Transaction en = new Transaction(TransactionKind.ENROLL, enrollSeconds, deps.clock().instant());
        en.analysis = deps.engine().newAnalysis(AnalysisRequest.passive(TransactionManager.SAMPLE_RATE));
        en.consent = consent;
        en.moveTo(TxState.LISTENING);
        en.results = BioResults.builder().enrollment(false, true, null).build();
        call.enrollment = en;
        tx.ensureStreaming(call);
        deps.activity(call, Activity.Kind.TX_STARTED, "ENROLL started: collecting speech until the end of the call (needs "
                + enrollSeconds + " s)");
        tx.publish(call);
        return CommandOutcome.ok("enrollment will be stored at the end of the call if there is enough speech");
    }

    /** At the end of the call: store the enrollment (if adequate) and report it. */
    CompletionStage<Void> commitEnrollment(CallSession call, Transaction en) {
        Set<String> keys = new LinkedHashSet<>();
        synchronized (call) {
            call.claimed.forEach(k -> keys.add(k.key()));
            en.moveTo(TxState.DECIDING);
        }
        return (en.consent == null ? deps.engine().enroll(en.analysis, keys, call.agent())
                : deps.engine().enroll(en.analysis, keys, call.agent(), en.consent)).handle((result, failure) -> {
            synchronized (call) {
                if (failure != null) {
                    tx.finish(call, en, TxState.FAILED, ResultMapper.error("enrollment failed"));
                } else {
                    en.heardSeconds = result.netSpeechSeconds();
                    tx.finish(call, en, TxState.COMPLETED, ResultMapper.enrollment(result));
                    if (ResultMapper.stored(result)) {
                        deps.activity(call, Activity.Kind.ENROLLED, "voiceprint stored for " + keys.size()
                                + " biokey(s) from " + Math.round(result.netSpeechSeconds()) + " s of speech");
                    }
                }
                en.analysis.close();
            }
            return null;
        });
    }

    private CompletionStage<CommandOutcome> optOut(CallSession call, AgentPrincipal who) {
        List<Biokey> keys;
        synchronized (call) {
            if (call.primaryClaim() == null) {
                return done(CommandOutcome.refused("no identity to opt out: enter the customer id first"));
            }
            keys = List.copyOf(call.claimed);
        }
        return CompletableFuture.supplyAsync(() -> {
            for (Biokey k : keys) {
                deps.store().optOut(k.key(), deps.clock().instant(), who.userId());
                deps.engine().forget(k.key()); // drop it from the in-memory 1:N index at once
            }
            synchronized (call) {
                if (call.enrollment != null) {
                    Transaction en = call.enrollment;
                    tx.finish(call, en, TxState.CANCELLED, BioResults.builder().enrollment(null, false, true).build());
                    en.analysis.close();
                }
                call.resetIdentity();
                tx.publish(call);
            }
            return CommandOutcome.ok("voiceprint deleted; the caller will not be enrolled again");
        }, deps.blocking());
    }

    private CompletionStage<CommandOutcome> reportFraud(CallSession call, AgentPrincipal who) {
        if (!who.has(Role.SUPERVISOR)) {
            return done(CommandOutcome.refused("only supervisors may add callers to a blocklist"));
        }
        var analysis = call.lastAnalysis;
        if (analysis == null) {
            return done(CommandOutcome.refused("no speech analysed on this call yet: run a verification first"));
        }
        String list = config.blocklistId();
        String fraudster = "F-" + UUID.randomUUID().toString().substring(0, 8);
        Biokey claim = call.primaryClaim();
        return deps.engine().blocklists()
                .thenCompose(lists -> lists.stream().anyMatch(l -> l.id().equals(list))
                        ? CompletableFuture.completedFuture(null)
                        : deps.engine().createBlocklist(list, "Reported by agents", who.userId())
                        .exceptionally(e -> e.getCause() instanceof DuplicateRecordException ? null : rethrow(e)))
                .thenCompose(x -> deps.engine().addToBlocklist(list, fraudster, analysis, claim == null ? null : claim.key(), who.userId()))
                .handle((ok, failure) -> failure == null
                        ? CommandOutcome.ok("added to blocklist " + list + " as " + fraudster)
                        : CommandOutcome.refused("could not add to the blocklist: " + failure.getMessage()));
    }

    private static <T> T rethrow(Throwable e) {
        throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
    }
}
