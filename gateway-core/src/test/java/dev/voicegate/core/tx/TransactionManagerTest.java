package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.BioResult;
import dev.voicegate.biometrics.api.BlocklistCheck;
import dev.voicegate.biometrics.api.Liveness;
import dev.voicegate.biometrics.api.LiveVoiceResult;
import dev.voicegate.biometrics.api.SpeakerChange;
import dev.voicegate.biometrics.api.Verification;
import dev.voicegate.core.tx.TxHarness.Call;
import dev.voicegate.core.tx.TxHarness.Done;
import dev.voicegate.notifier.api.AlertType;
import dev.voicegate.notifier.api.BiokeyKind;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.CommandType;
import dev.voicegate.notifier.api.ConversationView;
import dev.voicegate.notifier.api.IdentityState;
import dev.voicegate.notifier.api.ProgressUpdate;
import dev.voicegate.notifier.api.TransactionKind;
import dev.voicegate.notifier.api.TransactionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.voicegate.core.tx.TxHarness.ANN;
import static dev.voicegate.core.tx.TxHarness.clip;
import static dev.voicegate.core.tx.TxHarness.concat;
import static dev.voicegate.core.tx.TxHarness.config;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TransactionManager} on its own (see {@link TxHarness}): recording AudioHook sessions, manual
 * time and timers, a recording agent notifier and write-back callback. Biometric outcomes come from the
 * real engine over a temporary SQLite store; the tests marked "scripted" use {@link ScriptedEngine}
 * because they check how the manager handles a result the test gives it, not biometrics.
 */
class TransactionManagerTest {
    private static final String ANI = "tel:+35315550123";
    private static final String PHONE = "phone:+35315550123";
    private static final String SPEAKER = "e00-esp-m1";
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

    // ---- auto-start ----------------------------------------------------------------------------

    @Test
    void autoStartVerifyVerifiesTheClaimedIdentityAndAsksTheStreamToResume() {
        h = TxHarness.real(dir, config("verify", NET, MAX_LISTEN, null));
        Call c = h.bind(ANI, Map.of());

        assertThat(h.recording().requests()).containsExactly(AnalysisRequest.verify(8000, PHONE));
        ConversationView v = h.view(c);
        assertThat(v.claimed().kind()).isEqualTo(BiokeyKind.PHONE);
        assertThat(v.claimed().value()).as("masked for the agent").doesNotContain("5550123").endsWith("123");
        assertThat(v.current().kind()).isEqualTo(TransactionKind.VERIFY);
        assertThat(v.current().state()).isEqualTo(TransactionState.RESUMING);
        assertThat(v.current().netSpeechNeededSeconds()).isEqualTo(8.0);
        assertThat(c.session().calls).containsExactly("resume");
        assertThat(h.notifier.events()).containsExactly("bind " + c.conv() + " " + TxHarness.AGENT);
    }

    @Test
    void autoStartVerifyWithNothingClaimedIdentifiesInstead() {
        h = TxHarness.real(dir, config("verify", NET, MAX_LISTEN, null));
        Call c = h.bind("anonymous", Map.of());

        assertThat(h.recording().requests()).containsExactly(AnalysisRequest.identify(8000));
        assertThat(h.view(c).claimed()).isNull();
        assertThat(h.view(c).current().kind()).isEqualTo(TransactionKind.IDENTIFY);
        assertThat(c.session().calls).containsExactly("resume");
    }

    @Test
    void autoStartVerifyPrefersAnAttributeCustomerIdOverTheAni() {
        h = TxHarness.real(dir, config("verify", NET, MAX_LISTEN, null));
        Call c = h.bind(ANI, Map.of("customerId", "C-1001"));

        assertThat(h.recording().requests()).containsExactly(AnalysisRequest.verify(8000, "customer:C-1001"));
        assertThat(h.view(c).claimed().kind()).isEqualTo(BiokeyKind.CUSTOMER_ID);
    }

    @Test
    void autoStartIdentifyIdentifiesEvenWithAClaim() {
        h = TxHarness.real(dir, config("identify", NET, MAX_LISTEN, null));
        Call c = h.bind(ANI, Map.of());

        assertThat(h.recording().requests()).containsExactly(AnalysisRequest.identify(8000));
        assertThat(h.view(c).current().kind()).isEqualTo(TransactionKind.IDENTIFY);
    }

    @Test
    void autoStartNoneStartsNothingAndLeavesTheStreamAlone() {
        h = TxHarness.real(dir, config("none", NET, MAX_LISTEN, null));
        Call c = h.bind(ANI, Map.of());

        assertThat(h.recording().analyses).isEmpty();
        assertThat(h.view(c).current()).isNull();
        assertThat(c.session().calls).isEmpty();
        h.timers.advance(MAX_LISTEN.multipliedBy(2));
        assertThat(h.done).isEmpty();
    }

    @Test
    void aClaimWithAnEnrolledVoiceprintIsRecognizedAtBindAndOneWithoutStaysAnonymous() throws Exception {
        h = TxHarness.real(dir, config("none", NET, MAX_LISTEN, null));
        h.enroll(PHONE, SPEAKER);

        assertThat(h.view(h.bind(ANI, Map.of())).identityState()).isEqualTo(IdentityState.RECOGNIZED);
        assertThat(h.view(h.bind("tel:+35315550777", Map.of())).identityState()).isEqualTo(IdentityState.ANONYMOUS);
    }

    // ---- deciding ------------------------------------------------------------------------------

    @Test
    void enoughNetSpeechDecidesAtTheThresholdWithoutWaitingForMaxListen() throws Exception {
        h = TxHarness.real(dir, config("verify", NET, MAX_LISTEN, null));
        h.enroll(PHONE, SPEAKER);
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        assertThat(h.view(c).current().state()).isEqualTo(TransactionState.LISTENING);

        h.speak(c, concat(clip(SPEAKER, "test0"), clip(SPEAKER, "test1")));
        Done d = h.awaitDone(c);

        assertThat(d.outcome().kind()).isEqualTo("VERIFY");
        assertThat(d.outcome().state()).isEqualTo("COMPLETED");
        assertThat(d.outcome().netSpeechSeconds()).as("decided at 8 s of net speech, not at the end of ~20 s")
                .isBetween(8.0, 9.5);
        assertThat(d.outcome().attributes().get("BioResult")).as("the enrolled speaker").startsWith("TRUE_");
        assertThat(h.view(c).identityState()).isIn(IdentityState.AUTHENTICATED, IdentityState.RECOGNIZED);
        List<ProgressUpdate> progress = h.notifier.progress(c.conv());
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.netSpeechNeededSeconds()).isEqualTo(8.0));
        assertThat(progress.get(progress.size() - 1).netSpeechSeconds()).isGreaterThanOrEqualTo(8.0);
        assertThat(c.session().calls).containsExactly("resume", "pause");
    }

    @Test
    void maxListenDecidesWithWhatItHas_silenceIsNoData() throws Exception {
        h = TxHarness.real(dir, config("verify", NET, MAX_LISTEN, null));
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.silence(c, Duration.ofSeconds(5));
        h.timers.advance(MAX_LISTEN.minusSeconds(1));
        assertThat(h.done).as("not before maxListen").isEmpty();

        h.timers.advance(Duration.ofSeconds(1));
        Done d = h.awaitDone(c);
        assertThat(d.outcome().state()).isEqualTo("COMPLETED");
        assertThat(d.outcome().attributes()).containsEntry("BioResult", "NO_DATA").doesNotContainKey("BioScore");
        assertThat(c.session().calls).containsExactly("resume", "pause");
    }

    @Test
    void maxListenDecidesWithWhatItHas_aLittleSpeechIsLowData() throws Exception {
        h = TxHarness.real(dir, config("verify", NET, MAX_LISTEN, null));
        h.enroll(PHONE, SPEAKER);
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.speak(c, java.util.Arrays.copyOf(clip(SPEAKER, "test0"), 5 * 8000));
        h.timers.advance(MAX_LISTEN);

        Done d = h.awaitDone(c);
        assertThat(d.outcome().netSpeechSeconds()).as("precondition: some speech, under the 6 s decision minimum")
                .isBetween(0.5, 6.0);
        assertThat(d.outcome().attributes()).containsEntry("BioResult", "LOW_DATA").doesNotContainKey("BioScore");
    }

    @Test
    void anIdentifyThatNeverHeardTheStreamIsNoDataNotAnError() throws Exception {
        h = TxHarness.real(dir, config("identify", NET, MAX_LISTEN, null));
        Call c = h.bind(ANI, Map.of());
        h.timers.advance(MAX_LISTEN);

        Done d = h.awaitDone(c);
        assertThat(d.outcome().kind()).isEqualTo("IDENTIFY");
        assertThat(d.outcome().attributes()).containsEntry("BioResult", "NO_DATA").containsEntry("BioSearch", "NO_USER_FOUND")
                .doesNotContainKey("ErrorReason");
    }

    // ---- several transactions, pause and resume -------------------------------------------------

    @Test
    void queuedTransactionsRunInOrderWithOneResumeAndOnePauseAfterTheLast() throws Exception {
        h = TxHarness.real(dir, config("verify", NET, MAX_LISTEN, null));
        Call c = h.bind(ANI, Map.of());
        assertThat(h.command(ANN, c, CommandType.IDENTIFY).accepted()).isTrue();
        assertThat(h.command(ANN, c, CommandType.VERIFY_AGAIN)).as("the running kind is coalesced")
                .isEqualTo(CommandOutcome.ok("already running"));
        assertThat(h.command(ANN, c, CommandType.IDENTIFY)).as("so is a queued one").isEqualTo(CommandOutcome.ok("already running"));
        assertThat(h.recording().analyses).as("the queued one has no analysis yet").hasSize(1);
        assertThat(c.session().calls).containsExactly("resume");
        h.resumed(c);

        h.timers.advance(MAX_LISTEN);
        Done first = h.awaitDone(c);
        assertThat(first.outcome().kind()).isEqualTo("VERIFY");
        assertThat(h.view(c).current().kind()).isEqualTo(TransactionKind.IDENTIFY);
        assertThat(h.view(c).current().state()).as("the stream still flows").isEqualTo(TransactionState.LISTENING);
        assertThat(c.session().calls).as("no pause between queued transactions, no second resume").containsExactly("resume");

        h.timers.advance(MAX_LISTEN);
        Done second = h.awaitDone(c);
        assertThat(second.outcome().kind()).isEqualTo("IDENTIFY");
        assertThat(c.session().calls).containsExactly("resume", "pause");
        assertThat(h.view(c).current()).isNull();
        assertThat(h.view(c).history()).extracting(t -> t.kind()).containsExactly(TransactionKind.VERIFY, TransactionKind.IDENTIFY);

        h.paused(c);
        assertThat(h.command(ANN, c, CommandType.VERIFY_AGAIN).accepted()).isTrue();
        assertThat(c.session().calls).as("a new transition, a new resume").containsExactly("resume", "pause", "resume");
        assertThat(h.view(c).current().state()).isEqualTo(TransactionState.RESUMING);
    }

    @Test
    void maxPerCallRefusesTheNextTransactionWithItsReason() throws Exception {
        h = TxHarness.real(dir, config("none", NET, MAX_LISTEN, 2));
        Call c = h.bind(ANI, Map.of());
        assertThat(h.command(ANN, c, CommandType.IDENTIFY).accepted()).isTrue();
        assertThat(h.command(ANN, c, CommandType.VERIFY_AGAIN).accepted()).isTrue();
        h.timers.advance(MAX_LISTEN);
        h.awaitDone(c);
        h.timers.advance(MAX_LISTEN);
        h.awaitDone(c);

        CommandOutcome third = h.command(ANN, c, CommandType.IDENTIFY);
        assertThat(third.accepted()).isFalse();
        assertThat(third.reason()).isEqualTo("limit of 2 transactions per call reached");
        assertThat(h.recording().analyses).hasSize(2);
    }

    // ---- the call ends ---------------------------------------------------------------------------

    @Test
    void aCallThatEndsWhileListeningCancelsFreesTheAnalysisAndDropsTheQueue() throws Exception {
        h = TxHarness.real(dir, config("verify", NET, MAX_LISTEN, null));
        Call c = h.bind(ANI, Map.of());
        h.command(ANN, c, CommandType.IDENTIFY);
        h.resumed(c);
        h.speak(c, java.util.Arrays.copyOf(clip(SPEAKER, "test0"), 8000));

        h.end(c);
        Done d = h.awaitDone(c);
        assertThat(d.outcome().kind()).isEqualTo("VERIFY");
        assertThat(d.outcome().state()).isEqualTo("CANCELLED");
        assertThat(d.outcome().attributes()).as("nothing to write back").isEmpty();
        assertThat(h.recording().analyses).as("the queued IDENTIFY never started").hasSize(1)
                .allSatisfy(a -> assertThat(a.closed).as("analysis closed").isTrue());
        assertThat(h.notifier.events()).last().isEqualTo("unbind " + c.conv());
        assertThat(c.session().calls).containsExactly("resume");
        h.timers.advance(MAX_LISTEN);
        assertThat(h.done).as("the cancelled deadline does not fire").isEmpty();
        assertThat(h.manager.liveCalls()).isZero();
        assertThat(h.command(ANN, c, CommandType.IDENTIFY).reason()).startsWith("no live call");
    }

    // ---- results (scripted) -----------------------------------------------------------------------

    /** Scripted: the manager's handling of a given verification result (view, identity state, write-back). */
    @Test
    void theResultReachesTheAgentAndTheWriteBackWithTheCallsContext() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("verify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.timers.advance(MAX_LISTEN);
        assertThat(h.done).isEmpty();

        engine.last().result.complete(ScriptedEngine.result(true, 9.5, new Verification(PHONE, BioResult.TRUE_HIGH, 0.914, 0.8, ""),
                null, BlocklistCheck.NONE, SpeakerChange.NONE, new Liveness(LiveVoiceResult.LOW_CONF, Double.NaN)));
        Done d = h.awaitDone(c);

        assertThat(d.context()).as("the record names the claimed person only by the store's pseudonym")
                .isEqualTo(new TxDeps.TxContext(c.conv(), TxHarness.AGENT, TxHarness.CUSTOMER_PARTICIPANT, h.store.pseudonym(PHONE)));
        assertThat(d.context().subject()).hasSize(64).doesNotContain("35315550123");
        assertThat(d.outcome().kind()).isEqualTo("VERIFY");
        assertThat(d.outcome().state()).isEqualTo("COMPLETED");
        assertThat(d.outcome().netSpeechSeconds()).isEqualTo(9.5);
        assertThat(d.outcome().startedAt()).isBefore(d.outcome().endedAt());
        assertThat(d.outcome().attributes()).containsExactly(
                Map.entry("BioResult", "TRUE_HIGH"), Map.entry("BioScore", "0.91"), Map.entry("BioUser", "phone:+35••••••123"),
                Map.entry("LiveVoiceResult", "LOW_CONF"), Map.entry("BlocklistResult", "NO_MATCH"),
                Map.entry("BioSpeakerChanged", "false"), Map.entry("BioAdequateSpeech", "false"),
                Map.entry("BioDecision", "AUTHENTICATED"), Map.entry("BioVeto", ""));
        ConversationView v = h.view(c);
        assertThat(v.identityState()).isEqualTo(IdentityState.AUTHENTICATED);
        assertThat(v.history()).singleElement().satisfies(t -> {
            assertThat(t.transactionId()).isEqualTo(d.outcome().transactionId());
            assertThat(t.state()).isEqualTo(TransactionState.COMPLETED);
            assertThat(t.results().bioResult()).isEqualTo(dev.voicegate.notifier.api.BioResult.TRUE_HIGH);
            assertThat(t.results().bioScore()).isEqualTo(0.914);
        });
        assertThat(v.alerts()).isEmpty();
        assertThat(h.activity).extracting(Activity::kind).containsSubsequence(Activity.Kind.BOUND, Activity.Kind.TX_STARTED,
                Activity.Kind.TX_COMPLETED);
        assertThat(c.session().calls).containsExactly("resume", "pause");
    }

    /** Scripted: a blocklist match raises the agent alert (and only once per type). */
    @Test
    void aBlocklistMatchRaisesAnAlert() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("identify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        h.timers.advance(MAX_LISTEN);
        engine.last().result.complete(ScriptedEngine.result(true, 9, null, null,
                new BlocklistCheck(dev.voicegate.biometrics.api.BlocklistResult.MATCH, 0.97, "fraud", "F-1"), SpeakerChange.NONE, null));
        Done d = h.awaitDone(c);

        assertThat(d.outcome().attributes()).containsEntry("BlocklistResult", "MATCH").containsEntry("BlocklistID", "fraud")
                .containsEntry("FraudsterID", "F-1").containsEntry("BlocklistScore", "0.97");
        assertThat(h.view(c).alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.BLOCKLIST_MATCH);
            assertThat(a.transactionId()).isEqualTo(d.outcome().transactionId());
        });
        assertThat(h.activity).extracting(Activity::kind).contains(Activity.Kind.ALERT);
    }

    /** Scripted: an engine failure ends the transaction FAILED with an ERROR and a reason, and the stream pauses. */
    @Test
    void anEngineFailureIsAFailedTransactionWithAReason() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("identify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.timers.advance(MAX_LISTEN);
        engine.last().result.completeExceptionally(new IllegalStateException("store unavailable"));
        Done d = h.awaitDone(c);

        assertThat(d.outcome().state()).isEqualTo("FAILED");
        assertThat(d.outcome().attributes()).containsExactly(Map.entry("BioResult", "ERROR"),
                Map.entry("BioDecision", "NOT_AUTHENTICATED"), Map.entry("BioVeto", ""));
        assertThat(h.view(c).history().get(0).results().errorReason()).isEqualTo("analysis failed");
        assertThat(c.session().calls).containsExactly("resume", "pause");
    }

    /** Scripted: audio reaches only a listening transaction; the agent channel is passed for crosstalk. */
    @Test
    void audioIsFedOnlyWhileListening() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("identify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        h.silence(c, Duration.ofSeconds(1));
        assertThat(engine.last().fedSamples).as("audio before 'resumed' still counts: it proves the stream flows").isEqualTo(8000);
        h.timers.advance(MAX_LISTEN);
        h.silence(c, Duration.ofSeconds(1));
        assertThat(engine.last().fedSamples).as("nothing after the decision started").isEqualTo(8000);
    }

    @Test
    void aTransactionRequestedWhileThePauseIsInFlightAsksForTheStreamAgain() throws Exception {
        h = TxHarness.real(dir, config("identify", NET, MAX_LISTEN, null));
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.timers.advance(MAX_LISTEN);
        h.awaitDone(c);
        assertThat(c.session().calls).containsExactly("resume", "pause");

        // The agent asks again before the client has confirmed the pause: the stream is about to stop.
        assertThat(h.command(ANN, c, CommandType.VERIFY_AGAIN).accepted()).isTrue();
        assertThat(c.session().calls).as("the pause in flight is overridden").containsExactly("resume", "pause", "resume");
        h.paused(c);
        h.resumed(c);
        assertThat(h.view(c).current().state()).isEqualTo(TransactionState.LISTENING);
    }

    /** Scripted: the decision is slow; the agent sees DECIDING meanwhile. */
    @Test
    void theAgentSeesDecidingWhileTheEngineDecides() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("identify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.timers.advance(MAX_LISTEN);

        assertThat(h.view(c).current().state()).isEqualTo(TransactionState.DECIDING);
        assertThat(h.done).isEmpty();
    }

    /** Scripted: the result arrives after the call ended; its analysis must still be released. */
    @Test
    void aCallThatEndsWhileDecidingFreesTheAnalysisWhenTheResultArrives() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("identify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.timers.advance(MAX_LISTEN);
        h.end(c);
        assertThat(h.done).as("a deciding transaction is not cancelled").isEmpty();

        engine.last().result.complete(ScriptedEngine.result(true, 7, null,
                new dev.voicegate.biometrics.api.Search(dev.voicegate.biometrics.api.BioSearch.NO_USER_FOUND, 0, null, List.of(), ""),
                BlocklistCheck.NONE, SpeakerChange.NONE, null));
        Done d = h.awaitDone(c);
        assertThat(d.outcome().state()).as("still written back").isEqualTo("COMPLETED");
        assertThat(engine.last().closed).as("analysis closed").isTrue();
        assertThat(c.session().calls).as("no pause for an ended call").containsExactly("resume");
    }

    static Stream<Arguments> vetoes() {
        return Stream.of(
                Arguments.of(AlertType.BLOCKLIST_MATCH, new BlocklistCheck(dev.voicegate.biometrics.api.BlocklistResult.MATCH, 0.97,
                        "fraud", "F-1"), SpeakerChange.NONE, new Liveness(LiveVoiceResult.LOW_CONF, Double.NaN)),
                Arguments.of(AlertType.SPOOF_SUSPECTED, BlocklistCheck.NONE, SpeakerChange.NONE,
                        new Liveness(LiveVoiceResult.SPOOFED, 0.05)),
                Arguments.of(AlertType.SPEAKER_CHANGED, BlocklistCheck.NONE, new SpeakerChange(true, Duration.ofSeconds(4)),
                        new Liveness(LiveVoiceResult.LOW_CONF, Double.NaN)));
    }

    /**
     * Scripted: biometrics.md "Identity state": a blocklist match, a spoof or a speaker change vetoes
     * Authenticated whatever the verify score, for the rest of the call; the agent's confirmation stays final.
     */
    @ParameterizedTest
    @MethodSource("vetoes")
    void anAlertVetoesAuthenticatedWhateverTheVerifyScore(AlertType alert, BlocklistCheck blocklist, SpeakerChange change,
                                                           Liveness liveness) throws Exception {
        assertThat(vetoes().map(a -> a.get()[0])).as("every alert type is a veto").containsExactlyInAnyOrder((Object[]) AlertType.values());
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("verify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.timers.advance(MAX_LISTEN);
        engine.last().result.complete(ScriptedEngine.result(true, 9, new Verification(PHONE, BioResult.TRUE_HIGH, 0.95, 0.8, ""),
                null, blocklist, change, liveness));
        Done first = h.awaitDone(c);
        assertThat(h.view(c).alerts()).extracting(a -> a.type()).containsExactly(alert);
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.RECOGNIZED);
        assertThat(first.outcome().attributes()).as("what an Architect flow reads").containsEntry("BioResult", "FALSE_LOW")
                .containsEntry("BioScore", "").containsEntry("BioUser", "").containsEntry("BioDecision", "VETOED")
                .containsEntry("BioVeto", alert.name());
        assertThat(h.view(c).history().get(0).results()).satisfies(r -> {
            assertThat(r.bioResult()).isEqualTo(dev.voicegate.notifier.api.BioResult.FALSE_LOW);
            assertThat(r.bioScore()).isNull();
            assertThat(r.voiceMatch()).isEqualTo(dev.voicegate.notifier.api.BioResult.TRUE_HIGH);
            assertThat(r.voiceMatchScore()).isEqualTo(0.95);
            assertThat(r.bioDecision()).isEqualTo(dev.voicegate.notifier.api.BioDecision.VETOED);
        });

        h.command(ANN, c, CommandType.VERIFY_AGAIN);
        h.timers.advance(MAX_LISTEN);
        engine.last().result.complete(ScriptedEngine.result(true, 9, new Verification(PHONE, BioResult.TRUE_HIGH, 0.95, 0.8, ""),
                null, BlocklistCheck.NONE, SpeakerChange.NONE, new Liveness(LiveVoiceResult.LOW_CONF, Double.NaN)));
        h.awaitDone(c);
        assertThat(h.view(c).identityState()).as("the call stays vetoed").isNotEqualTo(IdentityState.AUTHENTICATED);

        assertThat(h.command(ANN, c, CommandType.CONFIRM_IDENTITY).accepted()).isTrue();
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.AUTHENTICATED);
        Done confirmed = h.awaitDone(c);
        assertThat(confirmed.outcome().kind()).isEqualTo("DECISION");
        assertThat(confirmed.outcome().attributes()).as("the voice stays overruled; the agent's decision is the decision")
                .containsEntry("BioDecision", "AGENT_CONFIRMED").containsEntry("BioResult", "FALSE_LOW")
                .containsEntry("BioVeto", alert.name());
        h.command(ANN, c, CommandType.VERIFY_AGAIN);
        h.timers.advance(MAX_LISTEN);
        engine.last().result.complete(ScriptedEngine.result(true, 9, new Verification(PHONE, BioResult.TRUE_HIGH, 0.95, 0.8, ""),
                null, blocklist, change, liveness));
        h.awaitDone(c);
        assertThat(h.view(c).identityState()).as("the agent's confirmation is final").isEqualTo(IdentityState.AUTHENTICATED);
    }

    /** Scripted: a caller authenticated by voice who then trips an alert is no longer shown as authenticated. */
    @Test
    void aLaterAlertWithdrawsAVoiceAuthentication() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("verify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.timers.advance(MAX_LISTEN);
        engine.last().result.complete(ScriptedEngine.result(true, 9, new Verification(PHONE, BioResult.TRUE_HIGH, 0.95, 0.8, ""),
                null, BlocklistCheck.NONE, SpeakerChange.NONE, new Liveness(LiveVoiceResult.LOW_CONF, Double.NaN)));
        h.awaitDone(c);
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.AUTHENTICATED);

        h.command(ANN, c, CommandType.VERIFY_AGAIN);
        h.timers.advance(MAX_LISTEN);
        engine.last().result.complete(ScriptedEngine.result(true, 9, new Verification(PHONE, BioResult.TRUE_HIGH, 0.95, 0.8, ""),
                null, BlocklistCheck.NONE, new SpeakerChange(true, Duration.ofSeconds(3)), new Liveness(LiveVoiceResult.LOW_CONF, Double.NaN)));
        h.awaitDone(c);
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.RECOGNIZED);
    }

    /**
     * Scripted: a speaker change found by a later identify (no verify in it) demotes the call, and its write-back
     * overwrites the TRUE_HIGH the first verify wrote (participant attributes merge key by key).
     */
    @Test
    void aLaterSpeakerChangeOverwritesTheWrittenAuthentication() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("verify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        h.resumed(c);
        h.timers.advance(MAX_LISTEN);
        engine.last().result.complete(ScriptedEngine.result(true, 9, new Verification(PHONE, BioResult.TRUE_HIGH, 0.95, 0.8, ""),
                null, BlocklistCheck.NONE, SpeakerChange.NONE, new Liveness(LiveVoiceResult.LOW_CONF, Double.NaN)));
        assertThat(h.awaitDone(c).outcome().attributes()).containsEntry("BioResult", "TRUE_HIGH").containsEntry("BioDecision", "AUTHENTICATED");

        h.command(ANN, c, CommandType.IDENTIFY);
        h.timers.advance(MAX_LISTEN);
        engine.last().result.complete(ScriptedEngine.result(true, 9, null,
                new dev.voicegate.biometrics.api.Search(dev.voicegate.biometrics.api.BioSearch.NO_USER_FOUND, 0, null, List.of(), ""),
                BlocklistCheck.NONE, new SpeakerChange(true, Duration.ofMillis(6890)), null));
        Done later = h.awaitDone(c);

        assertThat(later.outcome().attributes()).containsEntry("BioResult", "FALSE_LOW").containsEntry("BioScore", "")
                .containsEntry("BioDecision", "VETOED").containsEntry("BioVeto", "SPEAKER_CHANGED");
        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.RECOGNIZED);
        assertThat(h.view(c).alerts()).singleElement().extracting(a -> a.detail())
                .isEqualTo("a different voice from 6.9 s into the audio this identification listened to");
    }

    /** Scripted: the agent's rejection is final: a later TRUE_HIGH verify neither authenticates nor is written back as TRUE. */
    @Test
    void theAgentsRejectionOutlastsALaterTrueHigh() throws Exception {
        ScriptedEngine engine = new ScriptedEngine();
        h = TxHarness.scripted(dir, config("verify", NET, MAX_LISTEN, null), engine);
        Call c = h.bind(ANI, Map.of());
        assertThat(h.command(ANN, c, CommandType.REJECT_IDENTITY).accepted()).isTrue();
        assertThat(h.done.take().outcome().attributes()).containsEntry("BioDecision", "AGENT_REJECTED");
        h.resumed(c);
        h.timers.advance(MAX_LISTEN);
        engine.last().result.complete(ScriptedEngine.result(true, 9, new Verification(PHONE, BioResult.TRUE_HIGH, 0.95, 0.8, ""),
                null, BlocklistCheck.NONE, SpeakerChange.NONE, new Liveness(LiveVoiceResult.LOW_CONF, Double.NaN)));
        Done d = h.awaitDone(c);

        assertThat(h.view(c).identityState()).isEqualTo(IdentityState.RECOGNIZED);
        assertThat(d.outcome().attributes()).containsEntry("BioResult", "FALSE_LOW").containsEntry("BioDecision", "AGENT_REJECTED")
                .containsEntry("BioVeto", "");
    }
}
