package dev.voicegate.core;

import dev.voicegate.audiohook.api.AudioChunk;
import dev.voicegate.audiohook.api.AudioHookListener;
import dev.voicegate.audiohook.api.AudioHookSession;
import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.api.OpenInfo;
import dev.voicegate.core.gating.Correlator;
import dev.voicegate.core.tx.AudioSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Core's side of the AudioHook server: the gate decides at open (open mode resumes everything;
 * gated mode asks the {@link Correlator}), audio and pause/resume confirmations go to the
 * {@link AudioSink} (the transaction manager), and every ending is told to both.
 * Runs on AudioHook event loops; never blocks.
 */
final class GatewayAudioListener implements AudioHookListener {
    private static final Logger log = LoggerFactory.getLogger(GatewayAudioListener.class);

    private final Correlator correlator;
    private volatile AudioSink sink = AudioSink.NONE;

    /** @param correlator the gate, or null in open mode (every stream resumes at open) */
    GatewayAudioListener(Correlator correlator) {
        this.correlator = correlator;
    }

    void sink(AudioSink sink) {
        this.sink = sink;
    }

    @Override
    public CompletionStage<OpenDecision> onOpen(AudioHookSession session, OpenInfo info) {
        if (correlator == null || info.probe()) {
            log.info("[session={} conv={}] open: resumed ({})", info.sessionId(), info.conversationId(),
                    info.probe() ? "connection probe" : "gating.mode open");
            return CompletableFuture.completedFuture(OpenDecision.resume());
        }
        return CompletableFuture.completedFuture(correlator.onOpen(session, info));
    }

    @Override
    public void onAudio(AudioHookSession session, AudioChunk chunk) {
        sink.onAudio(session, chunk);
    }

    @Override
    public void onPaused(AudioHookSession session) {
        sink.onPaused(session);
    }

    @Override
    public void onResumed(AudioHookSession session) {
        sink.onResumed(session);
    }

    @Override
    public void onClose(AudioHookSession session, CloseReason reason) {
        if (correlator != null) {
            correlator.onClose(session);
        }
        log.info("[session={}] ended: {} {}", session.sessionId(), reason.kind(), reason.detail());
    }
}
