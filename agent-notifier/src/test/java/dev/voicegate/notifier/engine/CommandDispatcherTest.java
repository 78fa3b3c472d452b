package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.AuditRecord;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.CommandType;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.protocol.Inbound.CommandRequest;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class CommandDispatcherTest {

    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(15);
    private static final AgentPrincipal ALICE = AgentPrincipal.agent("alice", "Alice");
    private static final AgentPrincipal BOB = AgentPrincipal.agent("bob", "Bob");
    private static final AgentPrincipal SUPER = new AgentPrincipal("sam", "Sam", Set.of(Role.AGENT, Role.SUPERVISOR));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final NotifierMetrics metrics = new NotifierMetrics(new SimpleMeterRegistry());
    private final List<AgentCommand> received = new CopyOnWriteArrayList<>();
    private final List<AuditRecord> audited = new CopyOnWriteArrayList<>();
    private CompletableFuture<CommandOutcome> nextOutcome = CompletableFuture.completedFuture(CommandOutcome.ok());
    private final Map<String, String> bindings = Map.of("c-alice", "alice", "c-sam", "sam");
    private final CommandDispatcher dispatcher = new CommandDispatcher((who, cmd) -> {
        received.add(cmd);
        return nextOutcome;
    }, audited::add, new Authorizer(bindings::get), new CommandDispatcher.Settings(clock, 100, TIMEOUT, metrics));

    @Test
    void boundAgentsCommandReachesTheListenerAndIsAuditedAsAccepted() {
        CommandDispatcher.Reply r = dispatch(ALICE, cmd("r1", "VERIFY_AGAIN", "c-alice"));

        assertThat(r.outcome().accepted()).isTrue();
        assertThat(received).extracting(AgentCommand::type).containsExactly(CommandType.VERIFY_AGAIN);
        assertThat(audited).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AuditRecord.Outcome.ACCEPTED);
            assertThat(a.userId()).isEqualTo("alice");
            assertThat(a.at()).isEqualTo(clock.instant());
        });
        assertThat(metrics.count("voicegate.notifier.commands", "type", "VERIFY_AGAIN", "outcome", "accepted")).isEqualTo(1);
    }

    @Test
    void anotherAgentsCommandIsRefusedWithoutRevealingTheConversation() {
        CommandDispatcher.Reply other = dispatch(BOB, cmd("r1", "CONFIRM_IDENTITY", "c-alice"));
        CommandDispatcher.Reply unknown = dispatch(BOB, cmd("r2", "CONFIRM_IDENTITY", "c-nobody"));

        assertThat(other.outcome()).isEqualTo(CommandOutcome.refused(Authorizer.NOT_YOUR_CONVERSATION));
        assertThat(unknown.outcome()).isEqualTo(other.outcome());
        assertThat(received).isEmpty();
        assertThat(audited).extracting(AuditRecord::outcome).containsOnly(AuditRecord.Outcome.REFUSED);
    }

    @Test
    void reportFraudNeedsTheSupervisorRole() {
        assertThat(dispatch(ALICE, cmd("r1", "REPORT_FRAUD", "c-alice")).outcome().reason())
                .isEqualTo("REPORT_FRAUD requires the SUPERVISOR role");
        assertThat(dispatch(SUPER, cmd("r1", "REPORT_FRAUD", "c-sam")).outcome().accepted()).isTrue();
        assertThat(received).extracting(AgentCommand::type).containsExactly(CommandType.REPORT_FRAUD);
    }

    @Test
    void enrollWithoutConsentIsRefused() {
        CommandDispatcher.Reply r = dispatch(ALICE, cmd("r1", "ENROLL", "c-alice"));

        assertThat(r.outcome().reason()).startsWith("ENROLL requires consent: true");
        assertThat(received).isEmpty();
        assertThat(dispatch(ALICE, new CommandRequest("r2", "ENROLL", "c-alice", true, null)).outcome().accepted()).isTrue();
    }

    @Test
    void setClaimedIdNeedsAValueAndTheAuditNeverHoldsIt() {
        assertThat(dispatch(ALICE, cmd("r1", "SET_CLAIMED_ID", "c-alice")).outcome().reason())
                .isEqualTo("SET_CLAIMED_ID requires claimedId (1..64 printable characters)");
        dispatch(ALICE, new CommandRequest("r2", "SET_CLAIMED_ID", "c-alice", false, "  +447700900123 "));

        assertThat(received).singleElement().extracting(AgentCommand::claimedId).isEqualTo("+447700900123");
        assertThat(audited).allSatisfy(a -> assertThat(a.toString()).doesNotContain("7700900123"));
    }

    @Test
    void malformedCommandsAreRefusedWithSpecificReasons() {
        assertThat(dispatch(ALICE, cmd(null, "IDENTIFY", "c-alice")).outcome().reason())
                .isEqualTo("requestId: missing (expected: 1..64 characters of A-Z a-z 0-9 . _ : -)");
        assertThat(dispatch(ALICE, cmd("r 1", "IDENTIFY", "c-alice")).outcome().reason()).startsWith("requestId: invalid");
        assertThat(dispatch(ALICE, cmd("r1", "DELETE_EVERYTHING", "c-alice")).outcome().reason())
                .startsWith("command: 'DELETE_EVERYTHING' (expected: VERIFY_AGAIN|IDENTIFY|ENROLL|");
        assertThat(dispatch(ALICE, cmd("r1", "IDENTIFY", null)).outcome().reason()).startsWith("conversationId: missing");
        assertThat(received).isEmpty();
        assertThat(audited).hasSize(4);
        assertThat(metrics.count("voicegate.notifier.commands", "type", "INVALID", "outcome", "refused")).isEqualTo(3);
    }

    @Test
    void repeatedRequestIdIsAnsweredFromTheFirstOutcomeAndForwardedOnce() {
        nextOutcome = new CompletableFuture<>();
        CompletableFuture<CommandDispatcher.Reply> first = dispatcher.dispatch(ALICE, cmd("r1", "IDENTIFY", "c-alice")).toCompletableFuture();
        CompletableFuture<CommandDispatcher.Reply> second = dispatcher.dispatch(ALICE, cmd("r1", "IDENTIFY", "c-alice")).toCompletableFuture();
        nextOutcome.complete(CommandOutcome.refused("identification already running"));

        assertThat(first.join().outcome()).isEqualTo(second.join().outcome());
        assertThat(received).hasSize(1);
        assertThat(audited).hasSize(1);
        assertThat(metrics.count("voicegate.notifier.commands", "type", "IDENTIFY", "outcome", "duplicate")).isEqualTo(1);
    }

    @Test
    void requestIdReusedForADifferentCommandIsRefused() {
        dispatch(ALICE, cmd("r1", "IDENTIFY", "c-alice"));

        assertThat(dispatch(ALICE, cmd("r1", "VERIFY_AGAIN", "c-alice")).outcome().reason())
                .isEqualTo("requestId r1 was already used for a different command");
        assertThat(received).hasSize(1);
    }

    @Test
    void sameRequestIdFromAnotherUserIsIndependent() {
        dispatch(ALICE, cmd("r1", "IDENTIFY", "c-alice"));
        dispatch(SUPER, cmd("r1", "IDENTIFY", "c-sam"));

        assertThat(received).hasSize(2);
    }

    @Test
    void listenerFailureIsAnsweredAsInternalErrorAndAuditedAsFailed() {
        nextOutcome = CompletableFuture.failedFuture(new IllegalStateException("boom"));

        CommandDispatcher.Reply r = dispatch(ALICE, cmd("r1", "IDENTIFY", "c-alice"));

        assertThat(r.outcome()).isEqualTo(CommandOutcome.refused("internal error; try again"));
        assertThat(audited).singleElement().extracting(AuditRecord::outcome).isEqualTo(AuditRecord.Outcome.FAILED);
        assertThat(metrics.count("voicegate.notifier.commands", "type", "IDENTIFY", "outcome", "failed")).isEqualTo(1);
    }

    @Test
    void listenerThrowingSynchronouslyIsAnsweredToo() {
        CommandDispatcher throwing = new CommandDispatcher((w, c) -> {
            throw new IllegalStateException("boom");
        }, audited::add, new Authorizer(bindings::get), new CommandDispatcher.Settings(clock, 10, TIMEOUT, metrics));

        assertThat(throwing.dispatch(ALICE, cmd("r1", "IDENTIFY", "c-alice")).toCompletableFuture().join().outcome().accepted())
                .isFalse();
        assertThat(audited).hasSize(1);
    }

    @Test
    void listenerThatNeverAnswersIsAnsweredAfterTheTimeoutAndALateAnswerIsIgnored() {
        CompletableFuture<CommandOutcome> never = new CompletableFuture<>();
        CommandDispatcher slow = new CommandDispatcher((w, c) -> never, audited::add, new Authorizer(bindings::get),
                new CommandDispatcher.Settings(clock, 10, java.time.Duration.ofMillis(50), metrics));

        CommandDispatcher.Reply r = slow.dispatch(ALICE, cmd("r1", "IDENTIFY", "c-alice")).toCompletableFuture().join();
        never.complete(CommandOutcome.ok());

        assertThat(r.outcome()).isEqualTo(CommandOutcome.refused("no answer in time; try again"));
        assertThat(audited).singleElement().extracting(AuditRecord::outcome).isEqualTo(AuditRecord.Outcome.FAILED);
    }

    @Test
    void failingAuditSinkDoesNotLoseTheAnswer() {
        CommandDispatcher d = new CommandDispatcher((w, c) -> CompletableFuture.completedFuture(CommandOutcome.ok()), r -> {
            throw new IllegalStateException("disk full");
        }, new Authorizer(bindings::get), new CommandDispatcher.Settings(clock, 10, TIMEOUT, metrics));

        assertThat(d.dispatch(ALICE, cmd("r1", "IDENTIFY", "c-alice")).toCompletableFuture().join().outcome().accepted()).isTrue();
    }

    private CommandDispatcher.Reply dispatch(AgentPrincipal who, CommandRequest req) {
        return dispatcher.dispatch(who, req).toCompletableFuture().join();
    }

    private static CommandRequest cmd(String requestId, String type, String conversationId) {
        return new CommandRequest(requestId, type, conversationId, false, null);
    }
}
