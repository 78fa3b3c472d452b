package dev.voicegate.audiohook.api;

import java.util.concurrent.CompletionStage;

/**
 * The application side of the AudioHook server. Every callback runs on the session's event loop
 * and must not block; do slow work elsewhere and complete the returned stage later.
 */
public interface AudioHookListener {

    /**
     * A session announced itself with {@code open}. The server answers {@code opened} at once when
     * the stage is already complete, or when the configured decision deadline passes (then the stream
     * starts paused and the late decision is applied when it arrives). A failed stage disconnects the
     * session with reason {@code error}. For connection probes ({@link OpenInfo#probe()}) the decision
     * is ignored: the server accepts probes itself.
     */
    CompletionStage<OpenDecision> onOpen(AudioHookSession session, OpenInfo info);

    /** Decoded audio; the chunk is only valid during this call (see {@link AudioChunk}). */
    default void onAudio(AudioHookSession session, AudioChunk chunk) {
    }

    /** The client confirmed {@code paused}. */
    default void onPaused(AudioHookSession session) {
    }

    /** The client confirmed {@code resumed}. */
    default void onResumed(AudioHookSession session) {
    }

    /** Called exactly once per session that reached {@link #onOpen}, however it ended. */
    default void onClose(AudioHookSession session, CloseReason reason) {
    }
}
