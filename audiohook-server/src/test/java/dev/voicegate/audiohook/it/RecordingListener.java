package dev.voicegate.audiohook.it;

import dev.voicegate.audiohook.api.AudioChunk;
import dev.voicegate.audiohook.api.AudioHookListener;
import dev.voicegate.audiohook.api.AudioHookSession;
import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.api.OpenInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** A listener for integration tests: decides via a function and records what happened per session. */
final class RecordingListener implements AudioHookListener {

    final Map<String, CompletableFuture<AudioHookSession>> opened = new ConcurrentHashMap<>();
    final Map<String, CompletableFuture<CloseReason>> closed = new ConcurrentHashMap<>();
    final Map<String, CompletableFuture<Void>> paused = new ConcurrentHashMap<>();
    final Map<String, CompletableFuture<Void>> resumed = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> samples = new ConcurrentHashMap<>();
    final List<String> positionErrors = new CopyOnWriteArrayList<>();
    final Map<String, OpenInfo> infos = new ConcurrentHashMap<>();
    private final Map<String, Long> nextPosition = new ConcurrentHashMap<>();
    volatile Function<OpenInfo, CompletionStage<OpenDecision>> decide =
            info -> CompletableFuture.completedFuture(OpenDecision.resume());

    <T> CompletableFuture<T> of(Map<String, CompletableFuture<T>> map, String id) {
        return map.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    private final List<Object[]> sampleWatchers = new CopyOnWriteArrayList<>();

    /** Completes once {@code id} has received at least {@code n} samples. */
    CompletableFuture<Void> samplesReached(String id, long n) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        sampleWatchers.add(new Object[] {id, n, f});
        if (samples(id) >= n) {
            f.complete(null);
        }
        return f;
    }

    long samples(String id) {
        return samples.computeIfAbsent(id, k -> new AtomicLong()).get();
    }

    @Override
    public CompletionStage<OpenDecision> onOpen(AudioHookSession session, OpenInfo info) {
        infos.put(session.sessionId(), info);
        of(opened, session.sessionId()).complete(session);
        return decide.apply(info);
    }

    @Override
    public void onAudio(AudioHookSession s, AudioChunk chunk) {
        Long expected = nextPosition.get(s.sessionId());
        if (expected != null && chunk.startSample() < expected) {
            positionErrors.add(s.sessionId() + ": chunk at " + chunk.startSample() + " < " + expected);
        }
        nextPosition.put(s.sessionId(), chunk.startSample() + chunk.samples());
        long total = samples.computeIfAbsent(s.sessionId(), k -> new AtomicLong()).addAndGet(chunk.samples());
        for (Object[] w : sampleWatchers) {
            if (w[0].equals(s.sessionId()) && total >= (Long) w[1]) {
                ((CompletableFuture<?>) w[2]).complete(null);
            }
        }
    }

    @Override
    public void onPaused(AudioHookSession s) {
        of(paused, s.sessionId()).complete(null);
    }

    @Override
    public void onResumed(AudioHookSession s) {
        of(resumed, s.sessionId()).complete(null);
    }

    @Override
    public void onClose(AudioHookSession s, CloseReason reason) {
        CompletableFuture<CloseReason> f = of(closed, s.sessionId());
        if (!f.complete(reason)) {
            positionErrors.add(s.sessionId() + ": onClose called twice");
        }
    }
}
