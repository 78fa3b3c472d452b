package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.store.FraudsterEntry;
import dev.voicegate.core.gating.Binding;
import dev.voicegate.core.tx.TxHarness.Call;
import dev.voicegate.core.tx.TxHarness.Done;
import dev.voicegate.notifier.api.AgentDecision;
import dev.voicegate.notifier.api.AlertType;
import dev.voicegate.notifier.api.BiokeyKind;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.CommandType;
import dev.voicegate.notifier.api.IdentityState;
import dev.voicegate.notifier.api.TransactionKind;
import dev.voicegate.notifier.api.TransactionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.voicegate.core.tx.TxHarness.ANN;
import static dev.voicegate.core.tx.TxHarness.BOB;
import static dev.voicegate.core.tx.TxHarness.SUPERVISOR;
import static dev.voicegate.core.tx.TxHarness.clip;
import static dev.voicegate.core.tx.TxHarness.concat;
import static dev.voicegate.core.tx.TxHarness.config;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CommandHandler}: every agent command's outcome (accepted, or refused with the reason the agent
 * reads), who may send it, and its effect on the call, the store and the engine. The real engine over a
 * temporary SQLite store (see {@link TxHarness}).
 */
class CommandHandlerTest {
    private static final String ANI = "tel:+35315550124";
    private static final String PHONE = "phone:+35315550124";
    private static final String SPEAKER = "e03-esp-f1";
    private static final Duration NET = Duration.ofSeconds(8);
    private static final Duration MAX_LISTEN = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TxHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private TxHarness harness() {
        h = TxHarness.real(dir, config("none", NET, MAX_LISTEN, null));
        return h;
    }

    private static void refused(CommandOutcome o, String reason) {
        assertThat(o.accepted()).as("refused: " + o).isFalse();
        assertThat(o.reason()).isEqualTo(reason);
    }

    // ---- who may command ---------------------------------------------------------------------------

    @Test
    void aCommandForNoLiveCallIsRefused() throws Exception {
        harness();
        refused(h.command(ANN, "conv-unknown", "r1", CommandType.IDENTIFY, false, null), "no live call conv-unknown is bound to you");
        Call c = h.bind(ANI, Map.of());
        h.end(c);
        refused(h.command(ANN, c, CommandType.IDENTIFY), "no live call " + c.conv() + " is bound to you");
    }

    @Test
    void onlyTheBoundAgentOrASupervisorMayCommandACall() throws Exception {
        harness();
        Call c = h.bind(ANI, Map.of());
        refused(h.command(BOB, c, CommandType.IDENTIFY), "this call is bound to another agent");
        assertThat(h.recording().analyses).isEmpty();
        assertThat(h.command(SUPERVISOR, c, CommandType.IDENTIFY).accepted()).isTrue();
        assertThat(h.recording().requests()).containsExactly(AnalysisRequest.identify(8000));
    }

    @Test
    void afterATransferTheNewAgentCommandsTheCallAndTheOldOneNoLonger() throws Exception {
        harness();
        Call c = h.bind(ANI, Map.of());
        Binding toBob = new Binding(c.session(), BOB.userId(), new dev.voicegate.core.gating.AgentConversationEvent(c.conv(),
                BOB.userId(), true, TxHarness.CUSTOMER_PARTICIPANT, ANI, Map.of(), null, h.clock.instant()));
        h.manager.onRebound(c.binding(), toBob);

        assertThat(h.notifier.events()).endsWith("unbind " + c.conv(), "bind " + c.conv() + " " + BOB.userId());
        refused(h.command(ANN, c, CommandType.IDENTIFY), "this call is bound to another agent");
        assertThat(h.command(BOB, c, CommandType.IDENTIFY).accepted()).isTrue();
    }

    @Test
    void aRepeatedRequestIdGetsTheFirstAnswerAgain() throws Exception {
        harness();
        Call c = h.bind(ANI, Map.of());
        CommandOutcome first = h.command(ANN, c.conv(), "req-1", CommandType.ENROLL, false, null);
        refused(first, "consent required: tick the box once the caller has agreed");

        CommandOutcome again = h.command(ANN, c.conv(), "req-1", CommandType.ENROLL, true, null);
        assertThat(again).as("a retry of the same request is not a new request").isEqualTo(first);
        assertThat(h.store.consent(PHONE)).isEmpty();
        assertThat(h.command(ANN, c.conv(), "req-2", CommandType.ENROLL, true, null).accepted()).isTrue();
    }

    // ---- verify again, identify ----------------------------------------------------------------------

    @Test
    void verifyAgainNeedsAClaimedIdentity() throws Exception {
        harness();
        Call anonymous = h.bind(null, Map.of());
        refused(h.command(ANN, anonymous, CommandType.VERIFY_AGAIN), "no claimed identity: enter the customer id first");
        assertThat(h.recording().analyses).isEmpty();

        Call c = h.bind(ANI, Map.of());
        assertThat(h.command(ANN, c, CommandType.VERIFY_AGAIN)).isEqualTo(CommandOutcome.ok());
        assertThat(h.recording().requests()).containsExactly(AnalysisRequest.verify(8000, PHONE));
        assertThat(h.view(c).current().kind()).isEqualTo(TransactionKind.VERIFY);
        assertThat(c.session().calls).containsExactly("resume");
    }

    @Test
    void identifyStartsASearchAndARepeatIsCoalesced() throws Exception {
        harness();
        Call c = h.bind(ANI, Map.of());
        assertThat(h.command(ANN, c, CommandType.IDENTIFY)).isEqualTo(CommandOutcome.ok());
        assertThat(h.command(ANN, c, CommandType.IDENTIFY)).isEqualTo(CommandOutcome.ok("already running"));
        assertThat(h.recording().requests()).containsExactly(AnalysisRequest.identify(8000));
        assertThat(h.view(c).current().kind()).isEqualTo(TransactionKind.IDENTIFY);
    }

    // ---- enroll --------------------------------------------------------------------------------------

    @Test
    void enrollNeedsConsentAndAClaimedIdentity() throws Exception {
        harness();
        Call c = h.bind(ANI, Map.of());
        refused(h.command(ANN, c.conv(), "r1", CommandType.ENROLL, false, null),
                "consent required: tick the box once the caller has agreed");
        Call anonymous = h.bind(null, Map.of());
        refused(h.command(ANN, anonymous.conv(), "r2", CommandType.ENROLL, true, null),
                "no identity to enroll under: enter the customer id first");
        assertThat(h.store.consent(PHONE)).isEmpty();
        assertThat(h.recording().analyses).isEmpty();
    }

    @Test
    void enrollWithConsentRecordsItCollectsSpeechUntilTheEndOfTheCallAndStoresTheVoiceprint() throws Exception {
        harness();
        Call c = h.bind(ANI, Map.of());
        CommandOutcome ok = h.command(ANN, c.conv(), "r1", CommandType.ENROLL, true, null);
        assertThat(ok).isEqualTo(CommandOutcome.ok("enrollment will be stored at the end of the call if there is enough speech"));
        assertThat(h.command(ANN, c.conv(), "r2", CommandType.ENROLL, true, null)).isEqualTo(CommandOutcome.ok("already enrolling"));
        assertThat(h.store.consent(PHONE)).as("consent is stored with the voiceprint, at the end of the call").isEmpty();
        assertThat(h.recording().requests()).containsExactly(AnalysisRequest.passive(8000));
        assertThat(c.session().calls).containsExactly("resume");
        assertThat(h.view(c).current().kind()).isEqualTo(TransactionKind.ENROLL);
        assertThat(h.view(c).current().state()).isEqualTo(TransactionState.LISTENING);
        assertThat(h.view(c).current().netSpeechNeededSeconds()).as("biometrics.minEnrollSpeech default").isEqualTo(20.0);
        assertThat(h.view(c).current().results().bioEnrollment()).isTrue();
        h.resumed(c);

        // An identify alongside: when it ends the stream keeps flowing for the enrollment.
        h.command(ANN, c, CommandType.IDENTIFY);
        h.timers.advance(MAX_LISTEN);
        assertThat(h.awaitDone(c).outcome().kind()).isEqualTo("IDENTIFY");
        assertThat(c.session().calls).as("no pause while enrolling").containsExactly("resume");

        h.speak(c, clip(SPEAKER, "enroll"));
        assertThat(h.store.get(PHONE)).as("nothing stored before the call ends").isEmpty();
        h.end(c);
        Done d = h.awaitDone(c);
        assertThat(d.outcome().kind()).isEqualTo("ENROLL");
        assertThat(d.outcome().state()).isEqualTo("COMPLETED");
        assertThat(d.outcome().netSpeechSeconds()).isGreaterThanOrEqualTo(20.0);
        assertThat(d.outcome().attributes()).containsEntry("BioEnrollment", "true").containsEntry("BioAdequateSpeech", "true")
                .doesNotContainKey("ErrorReason");
        assertThat(h.store.get(PHONE)).isPresent();
        assertThat(h.store.consent(PHONE)).hasValueSatisfying(r -> assertThat(r.recordedBy()).isEqualTo(ANN.userId()));
        assertThat(h.activity).extracting(Activity::kind).contains(Activity.Kind.ENROLLED);
        assertThat(h.recording().analyses).allSatisfy(a -> assertThat(a.closed).isTrue());
        assertThat(h.notifier.events()).last().isEqualTo("unbind " + c.conv());
    }

    @Test
    void tooLittleSpeechForMinEnrollSpeechStoresNothingAndSaysSoWithoutAnError() throws Exception {
        harness();
        h.manager.commands().enrollSeconds(25);
        Call c = h.bind(ANI, Map.of());
        h.command(ANN, c.conv(), "r1", CommandType.ENROLL, true, null);
        assertThat(h.view(c).current().netSpeechNeededSeconds()).isEqualTo(25.0);
        h.resumed(c);
        h.speak(c, Arrays.copyOf(clip(SPEAKER, "test0"), 6 * 8000));
        h.end(c);

        Done d = h.awaitDone(c);
        assertThat(d.outcome().state()).isEqualTo("COMPLETED");
        assertThat(d.outcome().netSpeechSeconds()).as("precondition").isLessThan(20.0);
        assertThat(d.outcome().attributes()).containsEntry("BioAdequateSpeech", "false").containsEntry("BioEnrollment", "false")
                .doesNotContainKeys("ErrorReason", "BioResult");
        assertThat(h.store.get(PHONE)).isEmpty();
        assertThat(h.activity).extracting(Activity::kind).doesNotContain(Activity.Kind.ENROLLED);
    }

    /** Scripted: the engine replaced a voiceprint of an older engine version; the activity says one was stored. */
    @Test
    void aVoiceprintReplacingAnOlderEngineVersionIsReportedAsStored() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("none", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        assertThat(h.command(ANN, c.conv(), "r1", CommandType.ENROLL, true, null).accepted()).isTrue();
        h.end(c);
        engine.enrollment.complete(new EnrollmentResult(true, 24, Map.of(PHONE, EnrollmentResult.Outcome.REPLACED_OLD_VERSION)));

        Done d = h.awaitDone(c);
        assertThat(d.outcome().attributes()).containsEntry("BioEnrollment", "true");
        assertThat(h.activity).extracting(Activity::kind).contains(Activity.Kind.ENROLLED);
        assertThat(engine.last().closed).isTrue();
    }

    @Test
    void anOptedOutCallerCannotBeEnrolled() throws Exception {
        harness();
        h.store.optOut(PHONE, h.clock.instant(), "ivr");
        Call c = h.bind(ANI, Map.of());
        refused(h.command(ANN, c.conv(), "r1", CommandType.ENROLL, true, null),
                "the caller opted out of voice biometrics; they cannot be enrolled");
        assertThat(h.store.consent(PHONE)).isEmpty();
        assertThat(h.view(c).current()).isNull();
    }

    // ---- opt out -------------------------------------------------------------------------------------

    @Test
    void optOutDeletesTheVoiceprintCancelsTheEnrollmentAndForgetsTheCaller() throws Exception {
        harness();
        h.enroll(PHONE, SPEAKER);
        assertThat(h.engine.indexedVoiceprints()).isEqualTo(1);
        Call anonymous = h.bind(null, Map.of());
        refused(h.command(ANN, anonymous, CommandType.OPT_OUT), "no identity to opt out: enter the customer id first");

        Call c = h.bind(ANI, Map.of());
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.RECOGNIZED);
        h.command(ANN, c.conv(), "r1", CommandType.ENROLL, true, null);
        assertThat(h.command(ANN, c, CommandType.OPT_OUT)).isEqualTo(CommandOutcome.ok("voiceprint deleted; the caller will not be enrolled again"));

        assertThat(h.store.get(PHONE)).isEmpty();
        assertThat(h.store.isOptedOut(PHONE)).isTrue();
        assertThat(h.engine.indexedVoiceprints()).as("gone from the 1:N index at once").isZero();
        Done d = h.awaitDone(c);
        assertThat(d.outcome().kind()).isEqualTo("ENROLL");
        assertThat(d.outcome().state()).isEqualTo("CANCELLED");
        assertThat(d.outcome().attributes()).containsEntry("BioOptOut", "true").containsEntry("BioEnrollment", "false");
        assertThat(h.recording().analyses).as("set-up enrollment, then the call's").hasSize(2)
                .allSatisfy(a -> assertThat(a.closed).isTrue());
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.ANONYMOUS);
        assertThat(h.view(c).current()).isNull();
    }

    // ---- the agent's decision ---------------------------------------------------------------------------

    @Test
    void confirmAuthenticatesAndRejectIsRecorded() throws Exception {
        harness();
        Call c = h.bind(ANI, Map.of());
        assertThat(h.command(ANN, c, CommandType.REJECT_IDENTITY)).isEqualTo(CommandOutcome.ok());
        assertThat(h.view(c).agentDecision()).isEqualTo(AgentDecision.REJECTED);
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.ANONYMOUS);

        assertThat(h.command(ANN, c, CommandType.CONFIRM_IDENTITY)).isEqualTo(CommandOutcome.ok());
        assertThat(h.view(c).agentDecision()).isEqualTo(AgentDecision.CONFIRMED);
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.AUTHENTICATED);
        assertThat(h.activity).filteredOn(a -> a.kind() == Activity.Kind.COMMAND).extracting(Activity::text)
                .containsExactly("REJECT_IDENTITY by agent-ann: accepted", "CONFIRM_IDENTITY by agent-ann: accepted");
        // Each decision is a record for the transaction log and the write-back, so an Architect flow sees it.
        assertThat(List.of(h.done.take(), h.done.take())).extracting(d -> d.outcome().kind(), d -> d.outcome().state(),
                d -> d.outcome().attributes().get("BioDecision")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DECISION", "REJECTED", "AGENT_REJECTED"),
                org.assertj.core.groups.Tuple.tuple("DECISION", "CONFIRMED", "AGENT_CONFIRMED"));
    }

    // ---- set the claimed id -----------------------------------------------------------------------------

    @Test
    void setClaimedIdReplacesTheCustomerIdKeepsThePhoneAndResetsTheDecision() throws Exception {
        harness();
        Call c = h.bind(ANI, Map.of());
        h.command(ANN, c, CommandType.CONFIRM_IDENTITY);
        refused(h.command(ANN, c.conv(), "r1", CommandType.SET_CLAIMED_ID, false, " "), "enter a customer id of 1 to 128 characters");
        refused(h.command(ANN, c.conv(), "r2", CommandType.SET_CLAIMED_ID, false, "x".repeat(129)),
                "enter a customer id of 1 to 128 characters");
        assertThat(h.command(ANN, c.conv(), "r3", CommandType.SET_CLAIMED_ID, false, "x".repeat(128)).accepted()).isTrue();

        assertThat(h.command(ANN, c.conv(), "r4", CommandType.SET_CLAIMED_ID, false, "C-42"))
                .isEqualTo(CommandOutcome.ok("claimed identity set; press Verify to check it"));
        assertThat(h.view(c).claimed().kind()).isEqualTo(BiokeyKind.CUSTOMER_ID);
        assertThat(h.view(c).claimed().value()).isEqualTo("C-42");
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.ANONYMOUS);
        assertThat(h.view(c).agentDecision()).isNull();
        assertThat(h.activity).extracting(Activity::text).noneMatch(t -> t.contains("C-42"));

        h.command(ANN, c, CommandType.VERIFY_AGAIN);
        assertThat(h.recording().requests()).containsExactly(AnalysisRequest.verify(8000, "customer:C-42"));
        h.command(ANN, c.conv(), "r5", CommandType.ENROLL, true, null);
        h.resumed(c);
        h.speak(c, clip(SPEAKER, "enroll"));
        h.end(c);
        while (!h.awaitDone(c).outcome().kind().equals("ENROLL")) {
            // the verification ends first; the enrollment is stored at the end of the call
        }
        assertThat(h.store.consent("customer:C-42")).isPresent();
        assertThat(h.store.consent(PHONE)).as("the phone stays a claimed biokey").isPresent();
        assertThat(h.store.consent("customer:" + "x".repeat(128))).as("the replaced id is not").isEmpty();
    }

    // ---- report fraud ---------------------------------------------------------------------------------

    @Test
    void reportFraudIsForSupervisorsAndNeedsAnalysedSpeech() throws Exception {
        harness();
        Call c = h.bind(ANI, Map.of());
        refused(h.command(ANN, c, CommandType.REPORT_FRAUD), "only supervisors may add callers to a blocklist");
        refused(h.command(SUPERVISOR, c, CommandType.REPORT_FRAUD), "no speech analysed on this call yet: run a verification first");
        assertThat(h.store.blocklists()).isEmpty();
    }

    @Test
    void aReportedFraudsterIsAddedToTheBlocklistAndFlaggedOnTheirNextCall() throws Exception {
        h = TxHarness.real(dir, config("identify", NET, MAX_LISTEN, null));
        Call first = h.bind(ANI, Map.of());
        h.resumed(first);
        h.speak(first, concat(clip(SPEAKER, "test0"), clip(SPEAKER, "test1")));
        h.awaitDone(first);

        CommandOutcome ok = h.command(SUPERVISOR, first, CommandType.REPORT_FRAUD);
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.reason()).matches("added to blocklist fraud as F-[0-9a-f]{8}");
        List<FraudsterEntry> entries = h.store.fraudsters("fraud");
        assertThat(entries).singleElement().satisfies(e -> assertThat(ok.reason()).endsWith(e.fraudsterId()));
        assertThat(h.command(SUPERVISOR, first, CommandType.REPORT_FRAUD).accepted()).as("the list exists now: still fine").isTrue();
        h.end(first);

        Call next = h.bind("tel:+35315550999", Map.of());
        h.resumed(next);
        h.speak(next, clip(SPEAKER, "enroll"));
        Done d = h.awaitDone(next);
        assertThat(d.outcome().attributes()).containsEntry("BlocklistResult", "MATCH").containsEntry("BlocklistID", "fraud");
        assertThat(h.view(next).alerts()).extracting(a -> a.type()).containsExactly(AlertType.BLOCKLIST_MATCH);
    }
}
