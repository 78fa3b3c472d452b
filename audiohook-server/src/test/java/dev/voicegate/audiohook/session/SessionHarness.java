package dev.voicegate.audiohook.session;

import dev.voicegate.audiohook.api.AudioChunk;
import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.AudioHookListener;
import dev.voicegate.audiohook.api.AudioHookSession;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.api.OpenInfo;
import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.config.SessionConfig;
import dev.voicegate.audiohook.protocol.AudioHookCodec;
import dev.voicegate.audiohook.protocol.ClientMessage;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Drives one ServerSession through the protocol with a fake transport and a recording listener. */
class SessionHarness implements AudioHookListener {

    static final String SESSION = "30b0e395-84d3-4570-ac13-9a62d8f514c0";
    static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    static final String CONV = "e160e428-53e2-487c-977d-96989bf5c99d";
    static final MediaFormat STEREO = MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL, Channel.INTERNAL);

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AudioHookMetrics metrics = new AudioHookMetrics(registry);
    final FakeTransport transport = new FakeTransport();
    final AudioHookCodec codec = new AudioHookCodec();
    final ServerSession session;
    CompletionStage<OpenDecision> decision = CompletableFuture.completedFuture(OpenDecision.resume());
    final List<String> events = new ArrayList<>();
    final List<AudioChunk> chunks = new ArrayList<>();
    final List<CloseReason> closes = new ArrayList<>();
    OpenInfo openInfo;
    Consumer<AudioHookSession> onCloseAction = s -> { };
    long clientSeq;

    SessionHarness() {
        this(SessionConfig.defaults(), ORG);
    }

    SessionHarness(SessionConfig config, String orgHeader) {
        ServerSessionFactory f = new ServerSessionFactory(config, this, metrics, clock.ticker());
        session = f.create(new SessionContext(SESSION, orgHeader, "corr"), transport);
    }

    @Override
    public CompletionStage<OpenDecision> onOpen(AudioHookSession s, OpenInfo info) {
        events.add("onOpen");
        openInfo = info;
        return decision;
    }

    @Override
    public void onAudio(AudioHookSession s, AudioChunk chunk) {
        events.add("onAudio");
        chunks.add(chunk.copyOf());
    }

    @Override
    public void onPaused(AudioHookSession s) {
        events.add("onPaused");
    }

    @Override
    public void onResumed(AudioHookSession s) {
        events.add("onResumed");
    }

    @Override
    public void onClose(AudioHookSession s, CloseReason reason) {
        events.add("onClose");
        closes.add(reason);
        onCloseAction.accept(s);
    }

    void send(ClientParameters p) {
        long serverseq = transport.sent.isEmpty() ? 0 : transport.last().seq();
        session.onText(codec.encode(new ClientMessage(SESSION, ++clientSeq, serverseq, Duration.ZERO, p)));
    }

    void open() {
        open(CONV, "3f2504e0-4f89-11d3-9a0c-0305e82c3301", List.of(STEREO, MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL)));
    }

    void open(String conversationId, String participantId, List<MediaFormat> media) {
        send(new ClientParameters.Open(ORG, conversationId, new Participant(participantId, "+15551234", "Jo", "+1800"),
                media, "en-US", null, null, null));
    }

    void audio(int bytes) {
        session.onBinary(ByteBuffer.allocate(bytes));
    }

    void close() {
        send(new ClientParameters.Close(ClientParameters.CloseReasonCode.END));
    }

    double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}
