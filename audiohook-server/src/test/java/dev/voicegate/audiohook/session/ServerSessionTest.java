package dev.voicegate.audiohook.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.api.OpenInfo;
import dev.voicegate.audiohook.api.SessionState;
import dev.voicegate.audiohook.audio.MediaChoice;
import dev.voicegate.audiohook.audio.MuLaw;
import dev.voicegate.audiohook.config.SessionConfig;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.audiohook.protocol.ServerMessage;
import dev.voicegate.audiohook.protocol.ServerParameters;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ServerSessionTest {

    private final SessionHarness h = new SessionHarness();

    private ServerParameters.Disconnect lastDisconnect() {
        return (ServerParameters.Disconnect) h.transport.last().parameters();
    }

    @Test
    void opensWithTheSelectedMediaAndEchoesSequenceNumbers() {
        h.open();
        ServerMessage opened = h.transport.last();
        assertThat(opened.seq()).isEqualTo(1);
        assertThat(opened.clientseq()).isEqualTo(1);
        assertThat(((ServerParameters.Opened) opened.parameters()).media()).containsExactly(SessionHarness.STEREO);
        assertThat(((ServerParameters.Opened) opened.parameters()).startPaused()).isFalse();
        h.send(new ClientParameters.Ping(null));
        h.send(new ClientParameters.Ping(Duration.ofMillis(4)));
        assertThat(h.transport.last().seq()).isEqualTo(3);
        assertThat(h.transport.last().clientseq()).isEqualTo(3);
        h.close();
        assertThat(h.transport.last().type()).isEqualTo("closed");
        assertThat(h.transport.last().clientseq()).isEqualTo(4);
        assertThat(h.events).containsExactly("onOpen", "onClose");
        assertThat(h.closes).containsExactly(new CloseReason(CloseReason.Kind.CLIENT_END, "close{reason:end}"));
        assertThat(h.openInfo.language()).isEqualTo("en-us");
        assertThat(h.openInfo.probe()).isFalse();
    }

    @Test
    void startPausedDecisionPausesUntilTheClientConfirmsThenResumes() {
        h.decision = CompletableFuture.completedFuture(OpenDecision.startPaused());
        h.open();
        assertThat(((ServerParameters.Opened) h.transport.last().parameters()).startPaused()).isTrue();
        assertThat(h.session.state()).isEqualTo(SessionState.ACTIVE);
        h.send(new ClientParameters.Paused());
        assertThat(h.session.state()).isEqualTo(SessionState.PAUSED);
        h.session.resume();
        assertThat(h.transport.last().type()).isEqualTo("resume");
        assertThat(h.session.state()).isEqualTo(SessionState.PAUSED);
        h.send(new ClientParameters.Resumed(Duration.ZERO, Duration.ofSeconds(2)));
        assertThat(h.session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(h.events).containsExactly("onOpen", "onPaused", "onResumed");
        assertThat(h.counter("voicegate.audiohook.pauses")).isEqualTo(1);
        assertThat(h.counter("voicegate.audiohook.resumes")).isEqualTo(1);
    }

    @Test
    void slowDecisionStartsPausedAtTheDeadlineAndAppliesALateResume() {
        CompletableFuture<OpenDecision> slow = new CompletableFuture<>();
        h.decision = slow;
        h.open();
        assertThat(h.transport.sent).isEmpty();
        assertThat(h.transport.scheduled).singleElement().satisfies(t ->
                assertThat(t.delay).isEqualTo(SessionConfig.DEFAULT_DECISION_DEADLINE));
        h.transport.fireScheduled();
        assertThat(((ServerParameters.Opened) h.transport.last().parameters()).startPaused()).isTrue();
        h.send(new ClientParameters.Paused());
        h.transport.inLoop = false;           // the decision completes on another thread
        slow.complete(OpenDecision.resume());
        assertThat(h.transport.types()).containsExactly("opened");
        h.transport.runPending();
        assertThat(h.transport.types()).containsExactly("opened", "resume");
        assertThat(h.counter("voicegate.audiohook.decisions", "outcome", "deadline_passed")).isEqualTo(1);
    }

    @Test
    void lateRejectDisconnectsWithTheGivenReason() {
        CompletableFuture<OpenDecision> slow = new CompletableFuture<>();
        h.decision = slow;
        h.open();
        h.transport.fireScheduled();
        slow.complete(OpenDecision.reject(DisconnectReason.COMPLETED, "not monitored"));
        h.transport.runPending();
        assertThat(lastDisconnect()).isEqualTo(new ServerParameters.Disconnect(DisconnectReason.COMPLETED, "not monitored"));
        h.audio(3200);
        assertThat(h.chunks).isEmpty();
    }

    @Test
    void decisionInTimeCancelsTheDeadline() {
        CompletableFuture<OpenDecision> slow = new CompletableFuture<>();
        h.decision = slow;
        h.open();
        slow.complete(OpenDecision.resume());
        h.transport.runPending();
        assertThat(h.transport.scheduled.get(0).cancelled).isTrue();
        assertThat(((ServerParameters.Opened) h.transport.last().parameters()).startPaused()).isFalse();
    }

    @Test
    void failedDecisionDisconnectsWithServerError() {
        h.decision = CompletableFuture.failedFuture(new IllegalStateException("db down"));
        h.open();
        assertThat(lastDisconnect().reason()).isEqualTo(DisconnectReason.ERROR);
        assertThat(lastDisconnect().info()).isEqualTo("Server error: open decision failed");
        assertThat(h.session.state()).isEqualTo(SessionState.SIGNALED_ERROR);
    }

    @Test
    void oneMessagePerTransitionHoweverOftenPauseOrResumeIsAskedFor() {
        h.decision = CompletableFuture.completedFuture(OpenDecision.startPaused());
        h.open();
        h.session.pause();                      // already starting paused
        h.send(new ClientParameters.Paused());
        h.session.pause();                      // already paused
        h.session.resume();
        h.session.resume();                     // a second owner asking again before the client confirms
        h.send(new ClientParameters.Resumed(Duration.ZERO, Duration.ofSeconds(2)));
        h.session.resume();                     // already streaming
        h.session.pause();
        h.session.resume();                     // a change of mind while the pause is in flight
        h.send(new ClientParameters.Paused());
        h.session.resume();                     // the resume is still in flight
        h.send(new ClientParameters.Resumed(Duration.ZERO, Duration.ofSeconds(3)));
        assertThat(h.transport.types()).containsExactly("opened", "resume", "pause", "resume");
        assertThat(h.session.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void connectionProbeIsAcceptedByTheServerNeverPausedAndClosedCleanly() {
        h.decision = CompletableFuture.completedFuture(OpenDecision.startPaused());
        h.open(OpenInfo.NIL_UUID, OpenInfo.NIL_UUID, List.of(SessionHarness.STEREO));
        ServerParameters.Opened opened = (ServerParameters.Opened) h.transport.last().parameters();
        assertThat(opened.startPaused()).isFalse();
        assertThat(h.openInfo.probe()).isTrue();
        h.session.pause();
        h.audio(0);
        h.close();
        assertThat(h.transport.types()).containsExactly("opened", "closed");
        assertThat(h.counter("voicegate.audiohook.opens", "probe", "true")).isEqualTo(1);
    }

    @Test
    void nothingAcceptableAnswersEmptyMediaThenDisconnects() {
        SessionHarness strict = new SessionHarness(new SessionConfig(Duration.ofMillis(50),
                List.of(MediaChoice.STEREO_PCMU), ByteOrder.LITTLE_ENDIAN, List.of()), SessionHarness.ORG);
        strict.open(SessionHarness.CONV, SessionHarness.CONV, List.of(MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL)));
        assertThat(strict.transport.types()).containsExactly("opened", "disconnect");
        assertThat(((ServerParameters.Opened) strict.transport.sent.get(0).parameters()).media()).isEmpty();
        assertThat(((ServerParameters.Disconnect) strict.transport.last().parameters()).info())
                .startsWith("No acceptable media format offered (offered: PCMU[external]");
        assertThat(strict.events).isEmpty();
    }

    @Test
    void organizationMismatchIsUnauthorized() {
        SessionHarness other = new SessionHarness(SessionConfig.defaults(), "11111111-2222-3333-4444-555555555555");
        other.open();
        assertThat(((ServerParameters.Disconnect) other.transport.last().parameters()))
                .isEqualTo(new ServerParameters.Disconnect(DisconnectReason.UNAUTHORIZED,
                        "Mismatch between Audiohook-Organization-Id header and open.organizationId"));
        assertThat(other.session.state()).isEqualTo(SessionState.UNAUTHORIZED);
        other.close();
        assertThat(other.transport.last().type()).isEqualTo("closed");
        assertThat(other.events).isEmpty();
    }

    @Test
    void seqGapDisconnectsAndTheFollowingCloseStillGetsClosed() {
        h.open();
        h.clientSeq++;
        h.send(new ClientParameters.Ping(null));
        assertThat(lastDisconnect().info()).isEqualTo(
                "Client Error: Invalid seq value (not monotonically increasing): expected 2, got 3");
        h.close();
        assertThat(h.transport.last().type()).isEqualTo("closed");
        assertThat(h.transport.last().clientseq()).isEqualTo(4);
        assertThat(h.closes).extracting(CloseReason::kind).containsExactly(CloseReason.Kind.PROTOCOL_ERROR);
    }

    @Test
    void pingsOfAPeerThatStoppedReadingAreNotAnsweredButCountedAndAnsweredAgainOnceItReads() {
        h.open();
        int sent = h.transport.sent.size();
        h.transport.writable = false;  // the peer stopped reading: its buffer is above the high-water mark
        h.send(new ClientParameters.Ping(null));
        h.send(new ClientParameters.Ping(null));
        assertThat(h.transport.sent).hasSize(sent);
        assertThat(h.registry.get("voicegate.audiohook.outbound.dropped").tag("type", "pong").counter().count())
                .isEqualTo(2);
        h.transport.writable = true;
        h.send(new ClientParameters.Ping(null));
        assertThat(h.transport.last().type()).isEqualTo("pong");
        assertThat(h.transport.last().clientseq()).isEqualTo(4);
        assertThat(h.registry.get("voicegate.audiohook.outbound.dropped").tag("type", "pong").counter().count())
                .isEqualTo(2);
    }

    @Test
    void serverseqAheadOfWhatWasSentIsRejected() {
        h.open();
        h.session.onText("{\"version\":\"2\",\"id\":\"" + SessionHarness.SESSION + "\",\"type\":\"ping\",\"seq\":2,"
                + "\"serverseq\":9,\"position\":\"PT0S\",\"parameters\":{}}");
        assertThat(lastDisconnect().info()).isEqualTo("Client Error: Invalid serverseq value: 9 (last sent: 1)");
    }

    @Test
    void wrongSessionIdIsRejected() {
        h.session.onText(("{\"version\":\"2\",\"id\":\"00000000-0000-0000-0000-000000000001\",\"type\":\"ping\","
                + "\"seq\":1,\"serverseq\":0,\"position\":\"PT0S\",\"parameters\":{}}"));
        assertThat(lastDisconnect().info()).isEqualTo("Client Error: Session identifier mismatch");
    }

    @Test
    void audioIsDecodedWithItsPositionIncludingReportedGaps() {
        h.open();
        byte[] frame = new byte[3200];
        frame[0] = MuLaw.encode((short) 1000);
        frame[1] = MuLaw.encode((short) -2000);
        h.session.onBinary(ByteBuffer.wrap(frame));
        h.send(new ClientParameters.Discarded(Duration.ofMillis(200), Duration.ofMillis(500)));
        h.audio(3200);
        h.send(new ClientParameters.Paused());
        h.audio(3200);                        // in flight after paused: dropped, counted, not fatal
        h.send(new ClientParameters.Resumed(Duration.ofMillis(900), Duration.ofSeconds(1)));
        h.audio(1600);
        assertThat(h.chunks).extracting(c -> c.startSample()).containsExactly(0L, 5600L, 15200L);
        assertThat(h.chunks).extracting(c -> c.samples()).containsExactly(1600, 1600, 800);
        assertThat(h.chunks.get(0).external()[0]).isEqualTo(MuLaw.decode(MuLaw.encode((short) 1000)));
        assertThat(h.chunks.get(0).internal()[0]).isEqualTo(MuLaw.decode(MuLaw.encode((short) -2000)));
        assertThat(h.counter("voicegate.audiohook.dropped.frames", "reason", "paused")).isEqualTo(1);
        assertThat(h.session.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void audioBetweenOurPauseAndTheClientsPausedIsProcessed() {
        h.open();
        h.session.pause();
        h.audio(3200);
        assertThat(h.chunks).hasSize(1);
        assertThat(h.transport.types()).containsExactly("opened", "pause");
    }

    @Test
    void audioAfterCloseIsDroppedWithoutError() {
        h.open();
        h.close();
        h.audio(3200);
        assertThat(h.transport.types()).containsExactly("opened", "closed");
        assertThat(h.counter("voicegate.audiohook.dropped.frames", "reason", "closed")).isEqualTo(1);
    }

    @Test
    void audioBeforeOpenedIsAProtocolError() {
        h.audio(3200);
        assertThat(lastDisconnect().info()).isEqualTo("Client Error: Received audio before opened");
    }

    @Test
    void frameThatIsNotWholeSamplesIsAProtocolError() {
        h.open();
        h.audio(3201);
        assertThat(lastDisconnect().info()).startsWith("Client Error: Binary data not a valid audio frame");
    }

    @Test
    void clientErrorUpdateAndUnsolicitedResumedAreNeverFatal() {
        h.open();
        h.send(new ClientParameters.Error(429, "slow down", Duration.ofSeconds(1)));
        h.send(new ClientParameters.Resumed(Duration.ZERO, Duration.ZERO));
        h.send(new ClientParameters.Update("fr-CA"));
        h.send(new ClientParameters.Paused());
        h.send(new ClientParameters.Paused());
        assertThat(h.transport.types()).containsExactly("opened");
        assertThat(h.session.info().language()).isEqualTo("fr-ca");
        assertThat(h.session.state()).isEqualTo(SessionState.PAUSED);
    }

    @Test
    void authenticationFailureIgnoresOpen() {
        h.session.authenticationFailed("FAILED");
        h.open();
        assertThat(h.transport.sent).isEmpty();
        assertThat(h.events).isEmpty();
        assertThat(h.session.disconnectNow(DisconnectReason.UNAUTHORIZED, "FAILED: signature",
                CloseReason.Kind.SERVER_DISCONNECT)).isTrue();
        assertThat(h.session.state()).isEqualTo(SessionState.UNAUTHORIZED);
    }

    @Test
    void controlCallsFromOtherThreadsHopToTheLoop() {
        h.open();
        h.transport.inLoop = false;
        h.session.pause();
        assertThat(h.session.sendEvent(List.of(new dev.voicegate.audiohook.api.EventEntity("t",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(1))))).isTrue();
        assertThat(h.transport.types()).containsExactly("opened");
        h.transport.runPending();
        assertThat(h.transport.types()).containsExactly("opened", "pause", "event");
    }

    @Test
    void throwingListenerIsCountedNotFatal() {
        SessionHarness t = new SessionHarness() {
            @Override
            public void onAudio(dev.voicegate.audiohook.api.AudioHookSession s, dev.voicegate.audiohook.api.AudioChunk c) {
                throw new IllegalStateException("boom");
            }
        };
        t.open();
        t.audio(3200);
        assertThat(t.session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(t.counter("voicegate.audiohook.listener.errors")).isEqualTo(1);
    }

    @Test
    void sessionGaugesFollowTheState() {
        h.open();
        assertThat(h.metrics.sessions(SessionState.ACTIVE)).isEqualTo(1);
        h.close();
        assertThat(h.metrics.sessions(SessionState.ACTIVE)).isZero();
        assertThat(h.metrics.sessions(SessionState.CLOSED)).isEqualTo(1);
        h.session.onConnectionClosed(CloseReason.Kind.CONNECTION_LOST, "");
        assertThat(h.metrics.sessions(SessionState.CLOSED)).isZero();
        assertThat(h.closes).hasSize(1);
    }

    @Test
    void ignoredMessagesAndClientErrorsAreCounted() {
        h.open();
        h.send(new ClientParameters.Resumed(Duration.ZERO, Duration.ZERO));
        h.open();
        h.send(new ClientParameters.Error(503, "busy", null));
        assertThat(h.counter("voicegate.audiohook.ignored.messages", "type", "resumed")).isEqualTo(1);
        assertThat(h.counter("voicegate.audiohook.ignored.messages", "type", "open")).isEqualTo(1);
        assertThat(h.counter("voicegate.audiohook.client.errors", "code", "5xx")).isEqualTo(1);
    }

    @Test
    void openAfterAServerDisconnectIsIgnored() {
        h.session.disconnect(DisconnectReason.COMPLETED, "shutting down");
        h.open();
        assertThat(h.transport.types()).containsExactly("disconnect");
        assertThat(h.events).isEmpty();
        h.close();
        assertThat(h.transport.types()).containsExactly("disconnect", "closed");
    }

    @Test
    void clientRateLimitHoldsEventsUntilRetryAfterHasPassed() {
        h.open();
        var entity = List.of(new dev.voicegate.audiohook.api.EventEntity("t",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(1)));
        h.send(new ClientParameters.Error(429, "too many events", Duration.ofSeconds(2)));
        assertThat(h.session.sendEvent(entity)).isFalse();
        h.clock.advance(Duration.ofMillis(1999));
        assertThat(h.session.sendEvent(entity)).isFalse();
        h.clock.advance(Duration.ofMillis(1));
        assertThat(h.session.sendEvent(entity)).isTrue();
        assertThat(h.transport.types()).containsExactly("opened", "event");
        assertThat(h.counter("voicegate.audiohook.events.dropped", "reason", "client_rate_limit")).isEqualTo(2);
    }

    @Test
    void supportedLanguagesAreReturnedOnlyWhenAsked() {
        SessionHarness langs = new SessionHarness(new SessionConfig(Duration.ofMillis(50),
                dev.voicegate.audiohook.audio.MediaSelector.DEFAULT_PREFERENCE, ByteOrder.LITTLE_ENDIAN,
                List.of("en-US", "fr-FR")), SessionHarness.ORG);
        langs.send(new ClientParameters.Open(SessionHarness.ORG, SessionHarness.CONV,
                new dev.voicegate.audiohook.api.Participant(SessionHarness.CONV, "", "", ""), List.of(SessionHarness.STEREO),
                null, true, null, null));
        assertThat(((ServerParameters.Opened) langs.transport.last().parameters()).supportedLanguages())
                .containsExactly("en-US", "fr-FR");
        h.open();
        assertThat(((ServerParameters.Opened) h.transport.last().parameters()).supportedLanguages()).isNull();
    }
}
