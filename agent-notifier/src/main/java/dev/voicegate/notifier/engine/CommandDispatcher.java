package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentCommandListener;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.AuditRecord;
import dev.voicegate.notifier.api.AuditRecord.Outcome;
import dev.voicegate.notifier.api.AuditSink;
import dev.voicegate.notifier.api.LogSafe;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.CommandType;
import dev.voicegate.notifier.protocol.Inbound.CommandRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Validates, authorises, de-duplicates, forwards and audits agent commands. Every command gets
 * exactly one {@link Reply}; every command that is not a repeat of an earlier request id is audited
 * exactly once. Thread-safe; never blocks (the listener's stage is composed, not awaited).
 */
public final class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    /** What to answer the client. */
    public record Reply(String requestId, String command, String conversationId, CommandOutcome outcome) {
    }

    /**
     * @param clock                 wall clock for audit timestamps
     * @param maxRememberedRequests idempotency window (LRU over all users)
     * @param commandTimeout        how long the listener may take to answer
     * @param metrics               meters
     */
    public record Settings(Clock clock, int maxRememberedRequests, Duration commandTimeout, NotifierMetrics metrics) {
        public Settings {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            Objects.requireNonNull(metrics, "metrics");
            if (maxRememberedRequests <= 0) {
                throw new IllegalArgumentException("maxRememberedRequests: " + maxRememberedRequests + " (expected: > 0)");
            }
        }
    }

    private record Memo(String fingerprint, CompletableFuture<CommandOutcome> outcome) {
    }

    private final AgentCommandListener listener;
    private final AuditSink audit;
    private final Authorizer authorizer;
    private final Settings settings;
    private final LinkedHashMap<String, Memo> remembered;

    public CommandDispatcher(AgentCommandListener listener, AuditSink audit, Authorizer authorizer, Settings settings) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.settings = settings;
        this.remembered = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Memo> eldest) {
                return size() > settings.maxRememberedRequests();
            }
        };
    }

    /** Handles one command from {@code who}; the stage always completes normally. */
    public CompletionStage<Reply> dispatch(AgentPrincipal who, CommandRequest req) {
        CommandValidator.Validation v = CommandValidator.validate(req);
        if (v.refusal() != null) {
            return done(who, req, v.type(), refuse(who, req, v.type(), v.refusal()));
        }
        AgentCommand cmd = v.command();
        String refusal = authorizer.refusal(who, cmd);
        if (refusal != null) {
            return done(who, req, cmd.type(), refuse(who, req, cmd.type(), refusal));
        }
        String key = who.userId() + '\n' + cmd.requestId();
        String fingerprint = cmd.type() + "|" + cmd.conversationId() + "|" + cmd.consent() + "|"
                + (cmd.claimedId() == null ? "" : Integer.toHexString(cmd.claimedId().hashCode()));
        CompletableFuture<CommandOutcome> mine = new CompletableFuture<>();
        Memo earlier;
        synchronized (remembered) {
            earlier = remembered.putIfAbsent(key, new Memo(fingerprint, mine));
        }
        if (earlier != null) {
            return repeat(who, req, cmd, earlier, fingerprint);
        }
        forward(who, cmd, mine);
        return mine.thenApply(outcome -> reply(req, cmd.type(), outcome));
    }

    private CompletionStage<Reply> repeat(AgentPrincipal who, CommandRequest req, AgentCommand cmd, Memo earlier,
                                          String fingerprint) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            return done(who, req, cmd.type(), refuse(who, req, cmd.type(),
                    "requestId " + cmd.requestId() + " was already used for a different command"));
        }
        settings.metrics().command(cmd.type(), "duplicate");
        return earlier.outcome().thenApply(outcome -> reply(req, cmd.type(), outcome));
    }

    private void forward(AgentPrincipal who, AgentCommand cmd, CompletableFuture<CommandOutcome> into) {
        CompletableFuture<CommandOutcome> answer = new CompletableFuture<>();
        try {
            Objects.requireNonNull(listener.onCommand(who, cmd), "listener returned null").whenComplete((o, e) -> {
                if (e != null) {
                    answer.completeExceptionally(e);
                } else {
                    answer.complete(o);
                }
            });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        // The first of answer / timeout wins; a late answer is ignored (the agent already got one).
        answer.orTimeout(settings.commandTimeout().toNanos(), TimeUnit.NANOSECONDS).whenComplete((outcome, error) -> {
            if (error == null && outcome != null) {
                finish(who, cmd, outcome, outcome.accepted() ? Outcome.ACCEPTED : Outcome.REFUSED);
                into.complete(outcome);
                return;
            }
            CommandOutcome failed;
            if (error instanceof TimeoutException) {
                // Validated ids (CommandValidator patterns): safe to log as they are.
                log.warn("[user={} conv={} request={}] command {} not answered within {}", who.userId(),
                        cmd.conversationId(), cmd.requestId(), cmd.type(), settings.commandTimeout());
                failed = CommandOutcome.refused("no answer in time; try again");
            } else {
                log.error("[user={} conv={} request={}] command {} failed in the listener", who.userId(),
                        cmd.conversationId(), cmd.requestId(), cmd.type(), error);
                failed = CommandOutcome.refused("internal error; try again");
            }
            finish(who, cmd, failed, Outcome.FAILED);
            into.complete(failed);
        });
    }

    private void finish(AgentPrincipal who, AgentCommand cmd, CommandOutcome outcome, Outcome kind) {
        settings.metrics().command(cmd.type(), kind.name().toLowerCase(java.util.Locale.ROOT));
        record(new AuditRecord(settings.clock().instant(), who.userId(), cmd.type(), cmd.conversationId(),
                cmd.requestId(), kind, outcome.reason()));
    }

    private CommandOutcome refuse(AgentPrincipal who, CommandRequest req, CommandType type, String reason) {
        settings.metrics().command(type, "refused");
        record(new AuditRecord(settings.clock().instant(), who.userId(), type, req.conversationId(),
                req.requestId(), Outcome.REFUSED, reason));
        return CommandOutcome.refused(reason);
    }

    private void record(AuditRecord r) {
        try {
            audit.record(r);
        } catch (RuntimeException e) {
            log.error("[user={} request={}] audit sink failed", LogSafe.escape(r.userId()), LogSafe.escape(r.requestId()), e);
        }
    }

    private static CompletionStage<Reply> done(AgentPrincipal who, CommandRequest req, CommandType type,
                                               CommandOutcome outcome) {
        return CompletableFuture.completedFuture(reply(req, type, outcome));
    }

    private static Reply reply(CommandRequest req, CommandType type, CommandOutcome outcome) {
        return new Reply(req.requestId(), type == null ? req.command() : type.name(), req.conversationId(), outcome);
    }
}
