package dev.voicegate.audiohook.session;

import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.api.OpenInfo;
import dev.voicegate.audiohook.api.SessionState;
import dev.voicegate.audiohook.protocol.ClientMessage;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.audiohook.protocol.ServerParameters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open transaction of one session (fact sheet §3.2) and the pause/resume requests that
 * depend on it (§3.3). {@code opened} goes out as soon as the listener decides, or when the decision
 * deadline passes (then paused; the late decision is applied on arrival). Session thread only.
 */
final class OpenTransaction {

    private static final Logger log = LoggerFactory.getLogger(OpenTransaction.class);

    private final ServerSession s;
    private volatile OpenInfo info;
    private ClientParameters.Open request;
    private long openNanos;
    private boolean listenerOpened;
    private Boolean requestedPause;
    /** A pause (true) or resume (false) sent and not yet confirmed by the client; null when none is in flight. */
    private Boolean inFlight;
    private SessionTransport.Scheduled deadline;

    OpenTransaction(ServerSession session) {
        this.s = session;
    }

    OpenInfo info() {
        return info;
    }

    boolean listenerOpened() {
        return listenerOpened;
    }

    String conversationId() {
        return info == null ? "-" : info.conversationId();
    }

    boolean isProbe() {
        return info != null && info.probe();
    }

    void onOpen(ClientMessage m, ClientParameters.Open p) {
        openNanos = s.shared.ticker.getAsLong();
        request = p;
        s.moveTo(SessionState.OPENING);
        boolean probe = OpenInfo.isProbe(p.conversationId(), p.participant().id());
        s.shared.metrics.open(probe);
        String header = s.context.organizationHeader();
        if (header == null || !header.equalsIgnoreCase(p.organizationId())) {
            s.shared.metrics.rejection("organization_mismatch");
            s.disconnectNow(DisconnectReason.UNAUTHORIZED, header == null
                    ? "Missing Audiohook-Organization-Id header field"
                    : "Mismatch between Audiohook-Organization-Id header and open.organizationId",
                    CloseReason.Kind.SERVER_DISCONNECT);
            return;
        }
        Optional<MediaFormat> selected = s.shared.selector.select(p.media());
        String language = p.language() == null ? null : p.language().toLowerCase(Locale.ROOT);
        info = new OpenInfo(s.context.sessionId(), p.organizationId(), p.conversationId(), p.participant(),
                p.media(), selected, language, p.customConfig(), s.context.correlationId(), probe);
        selected.ifPresent(s.audio::select);
        log.info("[session={} conv={}] open: media={} probe={}", s.sessionId(), p.conversationId(),
                selected.map(OpenTransaction::describe).orElse("none"), probe);
        if (probe) {
            // Connection probe (fact sheet §5): answered normally by us, never gated, never paused.
            sendOpened(false);
            listenerOpened = true;
            s.listenerCall(() -> s.shared.listener.onOpen(s, info));
            return;
        }
        if (selected.isEmpty()) {
            s.shared.metrics.rejection("no_acceptable_media");
            sendOpened(false);
            s.disconnectNow(DisconnectReason.ERROR, "No acceptable media format offered (offered: "
                    + p.media().stream().map(OpenTransaction::describe).collect(Collectors.joining(", "))
                    + "; accepted: " + s.shared.selector.preference() + ")", CloseReason.Kind.SERVER_DISCONNECT);
            return;
        }
        askListener();
    }

    private void askListener() {
        listenerOpened = true;
        CompletableFuture<OpenDecision> decision;
        try {
            decision = s.shared.listener.onOpen(s, info).toCompletableFuture();
        } catch (RuntimeException e) {
            decision = CompletableFuture.failedFuture(e);
        }
        if (decision.isDone()) {
            if (decision.isCompletedExceptionally()) {
                apply(null, exception(decision));
            } else {
                apply(decision.join(), null);
            }
            return;
        }
        deadline = s.transport.schedule(this::deadlinePassed, s.shared.config.decisionDeadline());
        decision.whenComplete((d, err) -> s.onLoop(() -> apply(d, err)));
    }

    private static Throwable exception(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void deadlinePassed() {
        deadline = null;
        if (s.state() == SessionState.OPENING && !s.disconnectSent()) {
            s.shared.metrics.decision("deadline_passed");
            log.info("[session={}] decision deadline {} passed; starting paused", s.sessionId(),
                    s.shared.config.decisionDeadline());
            sendOpened(true);
        }
    }

    private void apply(OpenDecision decision, Throwable error) {
        SessionState st = s.state();
        if (s.disconnectSent() || !(st == SessionState.OPENING || st == SessionState.ACTIVE || st == SessionState.PAUSED)) {
            log.debug("[session={}] decision {} ignored in {}", s.sessionId(), decision, st);
            return;
        }
        boolean late = st != SessionState.OPENING;
        cancelDeadline();
        if (error != null || decision == null) {
            s.shared.metrics.decision("failed");
            log.warn("[session={}] open decision failed", s.sessionId(), error);
            s.disconnectNow(DisconnectReason.ERROR, "Server error: open decision failed", CloseReason.Kind.SERVER_DISCONNECT);
        } else if (decision instanceof OpenDecision.Reject r) {
            s.shared.metrics.decision(late ? "late_reject" : "reject");
            s.shared.metrics.rejection("decision_" + r.reason().wireName());
            s.disconnectNow(r.reason(), r.info(), CloseReason.Kind.SERVER_DISCONNECT);
        } else if (!late) {
            s.shared.metrics.decision(decision instanceof OpenDecision.Resume ? "resume" : "start_paused");
            sendOpened(decision instanceof OpenDecision.StartPaused);
        } else if (decision instanceof OpenDecision.Resume) {
            s.shared.metrics.decision("late_resume");
            s.send(new ServerParameters.Resume());
        } else {
            s.shared.metrics.decision("late_start_paused");
        }
    }

    private void sendOpened(boolean decidedPaused) {
        // An explicit pause()/resume() before `opened` overrides the decision (fact sheet §3.3).
        boolean startPaused = !isProbe() && (requestedPause != null ? requestedPause : decidedPaused);
        List<MediaFormat> media = info == null ? List.of() : info.selectedMedia().map(List::of).orElse(List.of());
        List<String> langs = Boolean.TRUE.equals(request.supportedLanguages())
                ? s.shared.config.supportedLanguages() : null;
        s.send(new ServerParameters.Opened(media, startPaused, null, langs));
        inFlight = startPaused ? Boolean.TRUE : null;
        s.shared.metrics.openLatency(s.shared.ticker.getAsLong() - openNanos);
        s.moveTo(SessionState.ACTIVE);
    }

    /** pause() / resume() per §3.3; ignored for probes and after a disconnect. */
    void requestPause(boolean pause) {
        SessionState st = s.state();
        if (isProbe() || s.disconnectSent()) {
            return;
        }
        if (st == SessionState.PREPARING || st == SessionState.OPENING) {
            requestedPause = pause;
        } else if (st == SessionState.ACTIVE || st == SessionState.PAUSED) {
            // One message per transition: asking for the state the stream is in, or is already going to, sends nothing.
            boolean target = inFlight != null ? inFlight : st == SessionState.PAUSED;
            if (target == pause) {
                log.debug("[session={}] {} ignored: already {}", s.sessionId(), pause ? "pause" : "resume",
                        inFlight != null ? "requested" : st);
                return;
            }
            inFlight = pause;
            s.send(pause ? new ServerParameters.Pause() : new ServerParameters.Resume());
        } else {
            log.debug("[session={}] {} ignored in {}", s.sessionId(), pause ? "pause" : "resume", st);
        }
    }

    /** The client confirmed {@code paused} (true) or {@code resumed} (false): that request is no longer in flight. */
    void confirmed(boolean paused) {
        if (inFlight != null && inFlight == paused) {
            inFlight = null;
        }
    }

    void updateLanguage(String language) {
        SessionState st = s.state();
        if (info != null && (st == SessionState.ACTIVE || st == SessionState.PAUSED)) {
            OpenInfo i = info;
            info = new OpenInfo(i.sessionId(), i.organizationId(), i.conversationId(), i.participant(), i.offeredMedia(),
                    i.selectedMedia(), language.toLowerCase(Locale.ROOT), i.customConfig(), i.correlationId(), i.probe());
            log.debug("[session={}] language updated to {}", s.sessionId(), info.language());
        }
    }

    void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }

    static String describe(MediaFormat m) {
        return m.encoding() + m.channels().stream().map(c -> c.wireName()).collect(Collectors.joining(",", "[", "]"));
    }
}
