package dev.voicegate.audiohook.session;

import dev.voicegate.audiohook.api.SessionState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters of the AudioHook server, names {@code voicegate.audiohook.*}, low-cardinality
 * tags only. Thread-safe.
 */
public final class AudioHookMetrics {

    private final MeterRegistry registry;
    private final Map<SessionState, AtomicLong> byState = new EnumMap<>(SessionState.class);
    private final Counter audioFrames;
    private final Counter audioBytes;
    private final Counter textFrames;
    private final Counter textBytes;
    private final Counter pauses;
    private final Counter resumes;
    private final Timer openLatency;

    public AudioHookMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (SessionState s : SessionState.values()) {
            if (s != SessionState.DISCONNECTED) {
                AtomicLong n = new AtomicLong();
                byState.put(s, n);
                Gauge.builder("voicegate.audiohook.sessions", n, AtomicLong::get).tag("state", s.name().toLowerCase())
                        .description("AudioHook sessions by state").register(registry);
            }
        }
        audioFrames = registry.counter("voicegate.audiohook.frames", "kind", "audio");
        textFrames = registry.counter("voicegate.audiohook.frames", "kind", "text");
        audioBytes = registry.counter("voicegate.audiohook.bytes", "kind", "audio");
        textBytes = registry.counter("voicegate.audiohook.bytes", "kind", "text");
        pauses = registry.counter("voicegate.audiohook.pauses");
        resumes = registry.counter("voicegate.audiohook.resumes");
        openLatency = Timer.builder("voicegate.audiohook.open.latency").description("open received to opened sent")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** The registry these meters live in. */
    public MeterRegistry registry() {
        return registry;
    }

    void sessionCreated() {
        byState.get(SessionState.PREPARING).incrementAndGet();
    }

    void stateChanged(SessionState from, SessionState to) {
        AtomicLong f = byState.get(from);
        if (f != null) {
            f.decrementAndGet();
        }
        AtomicLong t = byState.get(to);
        if (t != null) {
            t.incrementAndGet();
        }
    }

    /** Sessions currently in {@code state} (DISCONNECTED is not tracked). */
    public long sessions(SessionState state) {
        AtomicLong n = byState.get(state);
        return n == null ? 0 : n.get();
    }

    void open(boolean probe) {
        registry.counter("voicegate.audiohook.opens", "probe", Boolean.toString(probe)).increment();
    }

    /** Counts a rejected or refused session; {@code reason} is a fixed, low-cardinality word. */
    public void rejection(String reason) {
        registry.counter("voicegate.audiohook.rejections", "reason", reason).increment();
    }

    /**
     * Counts a received frame at once. Sessions count their own frames in batches ({@link FrameTally});
     * this is for frames refused before they reach a session (over a size limit).
     */
    public void frame(boolean binary, int bytes) {
        frames(binary, 1, bytes);
    }

    /** Adds a batch of received frames of one kind (nothing when {@code frames} is 0). */
    void frames(boolean binary, long frames, long bytes) {
        if (frames > 0) {
            (binary ? audioFrames : textFrames).increment(frames);
            (binary ? audioBytes : textBytes).increment(bytes);
        }
    }

    /** Counts a dropped audio frame; {@code reason} is a fixed word. */
    public void dropped(String reason) {
        registry.counter("voicegate.audiohook.dropped.frames", "reason", reason).increment();
    }

    void paused() {
        pauses.increment();
    }

    void resumed() {
        resumes.increment();
    }

    void openLatency(long nanos) {
        openLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void decision(String outcome) {
        registry.counter("voicegate.audiohook.decisions", "outcome", outcome).increment();
    }

    /** Counts a {@code disconnect} we sent. */
    void disconnect(String reason) {
        registry.counter("voicegate.audiohook.disconnects", "reason", reason).increment();
    }

    /** Counts an {@code event} message not sent; {@code reason} is a fixed word. */
    public void eventDropped(String reason) {
        registry.counter("voicegate.audiohook.events.dropped", "reason", reason).increment();
    }

    /** Counts a server message not written because the peer is not reading; {@code type} is a fixed word. */
    public void outboundDropped(String type) {
        registry.counter("voicegate.audiohook.outbound.dropped", "type", type).increment();
    }

    /**
     * Counts a connection closed because it stayed unwritable past {@code audiohook.unwritableTimeout}, with
     * the bytes it still had queued then (bounded by the write-buffer high-water mark plus one message).
     */
    public void slowConsumerClosed(long pendingBytes) {
        io.micrometer.core.instrument.DistributionSummary.builder("voicegate.audiohook.slow.pending.bytes")
                .baseUnit("bytes").description("bytes queued for a connection when it was closed as a slow consumer")
                .register(registry).record(pendingBytes);
        registry.counter("voicegate.audiohook.slow.closes").increment();  // last: readers of the count see both
    }

    void ignored(String type) {
        registry.counter("voicegate.audiohook.ignored.messages", "type", type).increment();
    }

    void clientError(int code) {
        // Tag by code class only (4xx/5xx/other) to keep cardinality low whatever the client sends.
        String kind = code >= 400 && code < 500 ? "4xx" : code >= 500 && code < 600 ? "5xx" : "other";
        registry.counter("voicegate.audiohook.client.errors", "code", kind).increment();
    }

    void protocolError() {
        registry.counter("voicegate.audiohook.protocol.errors").increment();
    }

    /** Counts an unexpected exception caught at a boundary (a bug of ours, never the client's). */
    void internalError() {
        registry.counter("voicegate.audiohook.internal.errors").increment();
    }

    void listenerError() {
        registry.counter("voicegate.audiohook.listener.errors").increment();
    }
}
