package dev.voicegate.core.tx;

import dev.voicegate.audiohook.api.AudioChunk;
import dev.voicegate.audiohook.api.AudioHookSession;

/** Where audio and pause/resume confirmations of AudioHook streams go. Called on event loops; never blocks. */
public interface AudioSink {
    void onAudio(AudioHookSession session, AudioChunk chunk);

    void onPaused(AudioHookSession session);

    void onResumed(AudioHookSession session);

    AudioSink NONE = new AudioSink() {
        @Override
        public void onAudio(AudioHookSession session, AudioChunk chunk) {
        }

        @Override
        public void onPaused(AudioHookSession session) {
        }

        @Override
        public void onResumed(AudioHookSession session) {
        }
    };
}
