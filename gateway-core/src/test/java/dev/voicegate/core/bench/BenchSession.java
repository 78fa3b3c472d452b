package dev.voicegate.core.bench;

import dev.voicegate.audiohook.api.AudioHookSession;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.EventEntity;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.api.OpenInfo;
import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.api.SessionState;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A session handle for the correlator benchmark: {@link #resume()} stamps the monotonic time so the
 * harness can measure event → resume requested. Calls are counted, never queued (no per-call garbage).
 */
final class BenchSession implements AudioHookSession {
    private static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    private final OpenInfo info;
    volatile long resumedAtNanos;
    volatile int resumes;
    volatile int disconnects;

    BenchSession(String conversationId) {
        this.info = new OpenInfo(UUID.randomUUID().toString(), ORG, conversationId,
                new Participant(UUID.randomUUID().toString(), "+15551230000", "", ""),
                List.of(), Optional.<MediaFormat>empty(), "en-US", null, "", false);
    }

    @Override
    public String sessionId() {
        return info.sessionId();
    }

    @Override
    public OpenInfo info() {
        return info;
    }

    @Override
    public SessionState state() {
        return SessionState.ACTIVE;
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
        resumedAtNanos = System.nanoTime();
        resumes++;
    }

    @Override
    public void disconnect(DisconnectReason reason, String info) {
        disconnects++;
    }

    @Override
    public boolean sendEvent(List<EventEntity> entities) {
        return true;
    }
}
