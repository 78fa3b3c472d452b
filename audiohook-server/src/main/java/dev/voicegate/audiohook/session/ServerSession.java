package dev.voicegate.audiohook.session;

import dev.voicegate.audiohook.api.AudioHookSession;
import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.EventEntity;
import dev.voicegate.audiohook.api.LogSafe;
import dev.voicegate.audiohook.api.OpenInfo;
import dev.voicegate.audiohook.api.SessionState;
import dev.voicegate.audiohook.protocol.ClientEnvelope;
import dev.voicegate.audiohook.protocol.ClientMessage;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.audiohook.protocol.ProtocolViolationException;
import dev.voicegate.audiohook.protocol.ServerMessage;
import dev.voicegate.audiohook.protocol.ServerParameters;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one AudioHook session (fact sheet §3): validates and dispatches client
 * messages by state, runs the open transaction, answers {@code pong}/{@code closed} with the right
 * {@code clientseq}, and implements the control API. Netty-free. Every method except the
 * {@link AudioHookSession} ones must be called on the transport's thread; those hop there.
 *
 * <p>Lenient where the reference is fragile (each case commented where it is handled).
 */
public final class ServerSession implements AudioHookSession {

    private static final Logger log = LoggerFactory.getLogger(ServerSession.class);
    static final Set<SessionState> CAN_DISCONNECT =
            EnumSet.of(SessionState.PREPARING, SessionState.OPENING, SessionState.ACTIVE, SessionState.PAUSED);
    private static final Set<SessionState> CAN_SEND_EVENT =
            EnumSet.of(SessionState.ACTIVE, SessionState.PAUSED, SessionState.CLOSING);

    final ServerSessionFactory shared;
    final SessionContext context;
    final SessionTransport transport;
    final OpenTransaction open;
    final InboundAudio audio;
    private final FrameTally frames;
    private volatile SessionState state = SessionState.PREPARING;
    private final SequenceTracker sequence;
    private boolean disconnectSent;
    private String authFailure;
    private CloseReason.Kind endKind;
    private String endDetail = "";
    private boolean closeNotified;
    private boolean eventsBlocked;
    private long eventsBlockedUntil;

    ServerSession(ServerSessionFactory shared, SessionContext context, SessionTransport transport) {
        this.shared = shared;
        this.context = context;
        this.transport = transport;
        this.sequence = new SequenceTracker(context.sessionId());
        this.open = new OpenTransaction(this);
        this.audio = new InboundAudio(this);
        this.frames = new FrameTally(shared.metrics);
        shared.metrics.sessionCreated();
    }

    @Override
    public String sessionId() {
        return context.sessionId();
    }

    @Override
    public OpenInfo info() {
        return open.info();
    }

    @Override
    public SessionState state() {
        return state;
    }

    /** Whether a {@code disconnect} was sent. */
    public boolean disconnectSent() {
        return disconnectSent;
    }

    /**
     * Session-mode authentication failed (fact sheet §1.2): {@code open} is ignored from now on; the
     * caller sends {@code disconnect{unauthorized}} after the minimum failure delay.
     */
    public void authenticationFailed(String info) {
        this.authFailure = info;
    }

    /** Handles one text frame. */
    public void onText(String text) {
        frames.text(text.length());
        if (state == SessionState.DISCONNECTED || state == SessionState.CLOSED) {
            // Nothing is ever sent after `closed` (not even `pong`); the client closes the socket.
            log.debug("[session={}] {} ignores a text message", context.sessionId(), state);
            return;
        }
        ClientMessage message;
        try {
            message = validate(text);
        } catch (ProtocolViolationException e) {
            violation(e);
            return;
        } catch (RuntimeException e) {
            // Boundary catch-all: the decoders throw only ProtocolViolationException (the fuzz tests hold them
            // to it), so this is a bug of ours; the client still gets the documented outcome, the log one line.
            shared.metrics.internalError();
            log.warn("[session={}] internal error while decoding a client message: {}", context.sessionId(),
                    LogSafe.escape(e));
            violation(new ProtocolViolationException("Server error: the message could not be processed"));
            return;
        }
        dispatch(message);
    }

    /** Handles one binary frame; reads from position to limit and does not keep {@code frame}. */
    public void onBinary(ByteBuffer frame) {
        frames.audio(frame.remaining());
        audio.onFrame(frame);
    }

    /** A frame the transport refused (e.g. over a size limit): a protocol violation with this info. */
    public void rejectFrame(String info) {
        violation(new ProtocolViolationException(info));
    }

    /** The socket is gone. Idempotent; notifies the listener once. */
    public void onConnectionClosed(CloseReason.Kind kind, String detail) {
        frames.flush();   // no frame follows the socket's end: the shared counters are exact from here
        if (state == SessionState.DISCONNECTED) {
            return;
        }
        open.cancelDeadline();
        noteEnding(kind, detail);
        moveTo(SessionState.DISCONNECTED);
        notifyClose();
    }

    /** Order of checks as in the reference (fact sheet §2.3). */
    private ClientMessage validate(String text) {
        ClientEnvelope env = shared.codec.decodeClientEnvelope(text);
        sequence.check(env, state == SessionState.SIGNALED_ERROR || state == SessionState.UNAUTHORIZED);
        return shared.codec.decodeClientBody(env);
    }

    private void dispatch(ClientMessage m) {
        ClientParameters p = m.parameters();
        log.debug("[session={}] received {} seq={} in {}", context.sessionId(), m.type(), m.seq(), state);
        if (p instanceof ClientParameters.Open o) {
            if (state != SessionState.PREPARING || authFailure != null || disconnectSent) {
                ignored(m, authFailure != null ? "authentication failed" : "duplicate or after disconnect");
                return;
            }
            open.onOpen(m, o);
        } else if (p instanceof ClientParameters.Close c) {
            onClose(m, c);
        } else if (p instanceof ClientParameters.Ping) {
            if (transport.isWritable()) {
                send(new ServerParameters.Pong());
            } else {
                // The peer is not reading: no pong queues up behind the others (it would only grow the buffer).
                shared.metrics.outboundDropped("pong");
            }
        } else if (p instanceof ClientParameters.Paused) {
            onPausedMessage(m);
        } else if (p instanceof ClientParameters.Resumed r) {
            onResumedMessage(m, r);
        } else if (p instanceof ClientParameters.Discarded d) {
            // Recorded in every state, never fatal: it only moves the stream position.
            audio.addGap(d.discarded());
        } else if (p instanceof ClientParameters.Update u) {
            open.updateLanguage(u.language());
        } else if (p instanceof ClientParameters.Error e) {
            // A client error is informational (fact sheet §2.4); the client follows it with `close` if fatal.
            shared.metrics.clientError(e.code());
            if (e.code() == 429 && e.retryAfter() != null) {
                // The client's rate limiter (fact sheet §5): hold `event` messages until retryAfter has passed.
                eventsBlocked = true;
                eventsBlockedUntil = shared.ticker.getAsLong() + e.retryAfter().toNanos();
            }
            log.warn("[session={}] client reported error {}: {}", context.sessionId(), e.code(),
                    LogSafe.escape(e.message()));
        }
    }

    /** Records a message that has no effect in the current state (never fatal). */
    private void ignored(ClientMessage m, String why) {
        shared.metrics.ignored(m.type());
        log.debug("[session={}] {} seq={} ignored in {}: {}", context.sessionId(), m.type(), m.seq(), state, why);
    }

    private void onClose(ClientMessage m, ClientParameters.Close c) {
        if (state == SessionState.CLOSING) {
            ignored(m, "duplicate close");
            return;
        }
        open.cancelDeadline();
        noteEnding(c.reason() == ClientParameters.CloseReasonCode.END ? CloseReason.Kind.CLIENT_END
                : CloseReason.Kind.CLIENT_CLOSE, "close{reason:" + c.reason().wireName() + "}");
        moveTo(SessionState.CLOSING);
        notifyClose();  // runs while CLOSING so the application may still sendEvent() final results
        if (state == SessionState.CLOSING) {
            send(new ServerParameters.Closed());
            moveTo(SessionState.CLOSED);
        }
    }

    private void onPausedMessage(ClientMessage m) {
        open.confirmed(true);
        if (state == SessionState.ACTIVE) {
            moveTo(SessionState.PAUSED);
            shared.metrics.paused();
            listenerCall(() -> shared.listener.onPaused(this));
        } else {
            // Duplicate or unsolicited `paused` is recorded, never fatal.
            ignored(m, "not streaming");
        }
    }

    private void onResumedMessage(ClientMessage m, ClientParameters.Resumed r) {
        audio.addGap(r.discarded());
        open.confirmed(false);
        if (state == SessionState.PAUSED) {
            moveTo(SessionState.ACTIVE);
            shared.metrics.resumed();
            listenerCall(() -> shared.listener.onResumed(this));
        } else {
            // Unsolicited `resumed` (or the answer to `resume` while streaming) is recorded, never fatal.
            ignored(m, "not paused");
        }
    }

    /** A client protocol violation: disconnect{error} once, or only log when signalling is suppressed. */
    void violation(ProtocolViolationException e) {
        shared.metrics.protocolError();
        if (CAN_DISCONNECT.contains(state) && !disconnectSent) {
            // One short line per session: after the disconnect later violations are suppressed (DEBUG).
            log.warn("[session={}] protocol violation in {}: {}", context.sessionId(), state, LogSafe.escape(e.info()));
            disconnectNow(e.reason(), e.info(), CloseReason.Kind.PROTOCOL_ERROR);
        } else {
            log.debug("[session={}] protocol violation suppressed in {}: {}", context.sessionId(), state,
                    LogSafe.escape(e.info()));
        }
    }

    @Override
    public void pause() {
        onLoop(() -> open.requestPause(true));
    }

    @Override
    public void resume() {
        onLoop(() -> open.requestPause(false));
    }

    @Override
    public void disconnect(DisconnectReason reason, String info) {
        onLoop(() -> disconnectNow(reason, info, CloseReason.Kind.SERVER_DISCONNECT));
    }

    /**
     * Sends {@code disconnect} when the state allows (fact sheet §3.3); records why the session ends.
     *
     * @return false when ignored (wrong state or already disconnected)
     */
    public boolean disconnectNow(DisconnectReason reason, String info, CloseReason.Kind kind) {
        if (!CAN_DISCONNECT.contains(state) || disconnectSent) {
            return false;
        }
        open.cancelDeadline();
        send(new ServerParameters.Disconnect(reason, info));
        disconnectSent = true;
        shared.metrics.disconnect(reason.wireName());
        noteEnding(kind, info);
        if (reason == DisconnectReason.UNAUTHORIZED) {
            moveTo(SessionState.UNAUTHORIZED);
        } else if (reason == DisconnectReason.ERROR) {
            moveTo(SessionState.SIGNALED_ERROR);
        }
        return true;
    }

    @Override
    public boolean sendEvent(List<EventEntity> entities) {
        List<EventEntity> copy = List.copyOf(entities);
        if (transport.inEventLoop()) {
            return sendEventNow(copy);
        }
        if (!CAN_SEND_EVENT.contains(state)) {
            return false;
        }
        transport.execute(() -> sendEventNow(copy));
        return true;
    }

    private boolean sendEventNow(List<EventEntity> entities) {
        if (!CAN_SEND_EVENT.contains(state)) {
            log.debug("[session={}] event dropped in {}", context.sessionId(), state);
            return false;
        }
        if (eventsBlocked && shared.ticker.getAsLong() - eventsBlockedUntil < 0) {
            shared.metrics.eventDropped("client_rate_limit");
            return false;
        }
        if (!transport.isWritable()) {
            shared.metrics.eventDropped("backpressure");
            return false;
        }
        send(new ServerParameters.Event(entities));
        return true;
    }

    void onLoop(Runnable task) {
        if (transport.inEventLoop()) {
            task.run();
        } else {
            transport.execute(task);
        }
    }

    /** Sends a message with the next seq and the latest clientseq; never after {@code closed}. */
    void send(ServerParameters parameters) {
        if (state == SessionState.CLOSED || state == SessionState.DISCONNECTED) {
            log.debug("[session={}] {} not sent in {}", context.sessionId(), parameters.type(), state);
            return;
        }
        transport.send(new ServerMessage(context.sessionId(), sequence.nextServerSeq(), sequence.clientSeq(), parameters));
    }

    void moveTo(SessionState next) {
        SessionState from = state;
        state = from.transitionTo(next);
        shared.metrics.stateChanged(from, next);
    }

    void noteEnding(CloseReason.Kind kind, String detail) {
        if (endKind == null) {
            endKind = kind;
            endDetail = detail == null ? "" : detail;
        }
    }

    private void notifyClose() {
        if (closeNotified || !open.listenerOpened()) {
            return;
        }
        closeNotified = true;
        frames.flush();
        CloseReason reason = new CloseReason(endKind == null ? CloseReason.Kind.CONNECTION_LOST : endKind, endDetail);
        log.info("[session={} conv={}] ended: {} {} (stream position {} samples, {} frames dropped)",
                context.sessionId(), open.conversationId(), reason.kind(), LogSafe.escape(reason.detail()), audio.position(),
                audio.dropped());
        listenerCall(() -> shared.listener.onClose(this, reason));
    }

    /** Runs a listener callback; a throwing listener is logged and counted, never fatal. */
    void listenerCall(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            shared.metrics.listenerError();
            log.warn("[session={}] listener failed", context.sessionId(), e);
        }
    }

    @Override
    public String toString() {
        return "ServerSession[" + context.sessionId() + ", " + state + "]";
    }
}
