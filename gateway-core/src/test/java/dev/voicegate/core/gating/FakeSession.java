package dev.voicegate.core.gating;

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
import java.util.concurrent.CopyOnWriteArrayList;

/** A session handle that records what the correlator asked of it (test fake of our own interface). */
public final class FakeSession implements AudioHookSession {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final OpenInfo info;

    public FakeSession(String conversationId) {
        this(conversationId, false);
    }

    public FakeSession(String conversationId, boolean probe) {
        String id = UUID.randomUUID().toString();
        this.info = new OpenInfo(id, "d7934305-0972-4844-938e-9060eef73d05", conversationId,
                new Participant(probe ? OpenInfo.NIL_UUID : UUID.randomUUID().toString(), "+15551230000", "", ""),
                List.of(), Optional.<MediaFormat>empty(), "en-US", null, "", probe);
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
        calls.add("pause");
    }

    @Override
    public void resume() {
        calls.add("resume");
    }

    @Override
    public void disconnect(DisconnectReason reason, String info) {
        calls.add("disconnect:" + reason.wireName() + ":" + info);
    }

    @Override
    public boolean sendEvent(List<EventEntity> entities) {
        return true;
    }
}
