package dev.voicegate.audiohook.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.audiohook.api.AudioHookSession;
import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.api.SessionState;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.audiohook.protocol.ServerParameters;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our client against our server over loopback: full sessions. */
class ClientServerSessionIT {

    private static final long T = 10;   // seconds; a safety net only
    private final ServerFixture f = new ServerFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void fullSessionWithImmediateResumeStreamsPausesResumesAndClosesCleanly() throws Exception {
        AudioHookClient c = f.connect(f.clientConfig().source(PcmAudioSource.tone(440, 20, 8000)).speed(5)
                .closeAtEndOfSource(false).build());
        ServerParameters.Opened opened = c.opened().get(T, TimeUnit.SECONDS);
        assertThat(opened.startPaused()).isFalse();
        assertThat(opened.media()).hasSize(1);
        AudioHookSession s = f.listener.of(f.listener.opened, c.sessionId()).get(T, TimeUnit.SECONDS);
        s.pause();
        f.listener.of(f.listener.paused, c.sessionId()).get(T, TimeUnit.SECONDS);
        assertThat(s.state()).isEqualTo(SessionState.PAUSED);
        long atPause = f.listener.samples(c.sessionId());
        assertThat(atPause).isPositive();
        s.resume();
        f.listener.of(f.listener.resumed, c.sessionId()).get(T, TimeUnit.SECONDS);
        c.send(new ClientParameters.Update("fr-FR"));
        c.send(new ClientParameters.Discarded(java.time.Duration.ZERO, Duration.ofMillis(400)));
        f.listener.samplesReached(c.sessionId(), atPause + 3200).get(T, TimeUnit.SECONDS);
        c.whenReceived("pong", 2).get(T, TimeUnit.SECONDS);
        c.close();
        c.closed().get(T, TimeUnit.SECONDS);
        c.socketClosed().get(T, TimeUnit.SECONDS);
        CloseReason reason = f.listener.of(f.listener.closed, c.sessionId()).get(T, TimeUnit.SECONDS);
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.CLIENT_END);
        assertThat(c.protocolErrors()).isEmpty();
        assertThat(f.listener.positionErrors).isEmpty();
        assertThat(s.info().language()).isEqualTo("fr-fr");
        assertThat(c.receivedTypes()).startsWith("opened").contains("pause", "resume", "pong").endsWith("closed");
        assertThat(f.counter("voicegate.audiohook.pauses")).isEqualTo(1);
        assertThat(f.counter("voicegate.audiohook.frames", "kind", "audio")).isPositive();
    }

    @Test
    void startPausedListenerResumesLaterAndAudioFlowsOnlyThen() throws Exception {
        f.listener.decide = info -> CompletableFuture.completedFuture(OpenDecision.startPaused());
        AudioHookClient c = f.connect(f.clientConfig().source(PcmAudioSource.tone(300, 20, 8000)).speed(5)
                .closeAtEndOfSource(false).build());
        assertThat(c.opened().get(T, TimeUnit.SECONDS).startPaused()).isTrue();
        f.listener.of(f.listener.paused, c.sessionId()).get(T, TimeUnit.SECONDS);
        assertThat(f.listener.samples(c.sessionId())).isZero();
        AudioHookSession s = f.listener.of(f.listener.opened, c.sessionId()).get(T, TimeUnit.SECONDS);
        s.resume();
        f.listener.of(f.listener.resumed, c.sessionId()).get(T, TimeUnit.SECONDS);
        f.listener.samplesReached(c.sessionId(), 3200).get(T, TimeUnit.SECONDS);
        c.close();
        c.closed().get(T, TimeUnit.SECONDS);
        assertThat(c.protocolErrors()).isEmpty();
    }

    @Test
    void slowDecisionStillAnswersOpenedFastPausedThenResumes() throws Exception {
        CompletableFuture<OpenDecision> decision = new CompletableFuture<>();
        f.listener.decide = info -> decision;
        AudioHookClient c = f.connect(f.clientConfig().source(PcmAudioSource.tone(300, 20, 8000)).speed(5)
                .closeAtEndOfSource(false).build());
        assertThat(c.opened().get(T, TimeUnit.SECONDS).startPaused()).isTrue();
        f.listener.of(f.listener.paused, c.sessionId()).get(T, TimeUnit.SECONDS);
        decision.complete(OpenDecision.resume());       // from the test thread, long after the deadline
        f.listener.of(f.listener.resumed, c.sessionId()).get(T, TimeUnit.SECONDS);
        f.listener.samplesReached(c.sessionId(), 1600).get(T, TimeUnit.SECONDS);
        c.close();
        c.closed().get(T, TimeUnit.SECONDS);
        assertThat(f.counter("voicegate.audiohook.decisions", "outcome", "deadline_passed")).isEqualTo(1);
        assertThat(f.counter("voicegate.audiohook.decisions", "outcome", "late_resume")).isEqualTo(1);
        var timer = f.registry.find("voicegate.audiohook.open.latency").timer();
        assertThat(timer.count()).isEqualTo(1);
        // The deadline is 50 ms; opened must not wait for the decision (which took far longer).
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isLessThan(1000);
    }

    @Test
    void connectionProbeIsAnsweredAndClosedWithoutGating() throws Exception {
        f.listener.decide = info -> new CompletableFuture<>();    // would never decide
        AudioHookClient c = f.connect(f.clientConfig().probe().build());
        assertThat(c.opened().get(T, TimeUnit.SECONDS).startPaused()).isFalse();
        c.closed().get(T, TimeUnit.SECONDS);
        c.socketClosed().get(T, TimeUnit.SECONDS);
        assertThat(c.protocolErrors()).isEmpty();
        assertThat(c.receivedTypes()).containsExactly("opened", "closed");
        assertThat(f.listener.infos.get(c.sessionId()).probe()).isTrue();
    }

    @Test
    void listenerRejectDisconnectsAndTheClientClosesCleanly() throws Exception {
        f.listener.decide = info -> CompletableFuture.completedFuture(
                OpenDecision.reject(dev.voicegate.audiohook.api.DisconnectReason.COMPLETED, "not monitored"));
        AudioHookClient c = f.connect(f.clientConfig().build());
        assertThat(c.disconnectReceived().get(T, TimeUnit.SECONDS).info()).isEqualTo("not monitored");
        c.closed().get(T, TimeUnit.SECONDS);
        assertThat(c.receivedTypes()).containsExactly("disconnect", "closed");
    }
}
