package dev.voicegate.core.tx;

import dev.voicegate.audiohook.api.AudioChunk;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.engine.DefaultVoiceprintEngine;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.core.config.TransactionsSection;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.core.gating.Binding;
import dev.voicegate.core.gating.FakeSession;
import dev.voicegate.core.gating.ManualTimers;
import dev.voicegate.core.identity.ClaimedIdentityResolver;
import dev.voicegate.notifier.api.AgentCommand;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.api.CommandType;
import dev.voicegate.notifier.api.ConversationView;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A {@link TransactionManager} with everything around it under the test's control: manual time and
 * timers, store I/O on the calling thread, recording AudioHook sessions ({@link FakeSession}), a
 * {@link RecordingNotifier} and a recording write-back callback. The voiceprint store is a real
 * SQLite store in a temporary directory; the engine is the real {@link DefaultVoiceprintEngine}
 * (wrapped to record its analyses) unless a test passes a {@link ScriptedEngine}.
 *
 * <p>Only engine threads run concurrently with the test (a real engine completes {@code finish} on its
 * own executor); {@link #awaitDone} waits for the write-back callback and then for the call's lock,
 * so what the manager does after it (next transaction, pause) has happened too. No sleeps.
 */
final class TxHarness implements AutoCloseable {
    static final String AGENT = "agent-ann";
    static final AgentPrincipal ANN = AgentPrincipal.agent(AGENT, "Ann");
    static final AgentPrincipal BOB = AgentPrincipal.agent("agent-bob", "Bob");
    static final AgentPrincipal SUPERVISOR = new AgentPrincipal("super-sue", "Sue", Set.of(Role.AGENT, Role.SUPERVISOR));
    static final String CUSTOMER_PARTICIPANT = "customer-participant-1";
    private static final Path CORPUS = Path.of("..", "biometrics-engine", "src", "test", "resources", "corpus-mini");
    private static VoiceprintExtractor extractor;

    /** A written-back outcome. */
    record Done(TxDeps.TxContext context, TxDeps.TxOutcome outcome) {
    }

    /** One bound call: its recording session, its binding and the manager's state for it. */
    record Call(FakeSession session, Binding binding, CallSession state) {
        String conv() {
            return binding.conversationId();
        }
    }

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T09:00:00Z"));
    final ManualTimers timers = new ManualTimers(clock);
    final RecordingNotifier notifier = new RecordingNotifier();
    final List<Activity> activity = new CopyOnWriteArrayList<>();
    final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    final TransactionsSection config;
    final VoiceprintStore store;
    final VoiceprintEngine engine;
    final TransactionManager manager;

    private TxHarness(Path dir, TransactionsSection config, BiFunction<VoiceprintStore, Clock, VoiceprintEngine> engineFactory) {
        this.config = config;
        byte[] key = new byte[StoreConfig.KEY_BYTES];
        Arrays.fill(key, (byte) 11);
        this.store = SqliteVoiceprintStore.open(new StoreConfig(dir, Map.of("k1", key), "k1", 5, 2), clock);
        this.engine = engineFactory.apply(store, clock);
        this.manager = new TransactionManager(config, new ClaimedIdentityResolver(config.claimAttributes(), config.defaultRegion(),
                config.useAni()), new TxDeps(engine, store, timers, Runnable::run, clock, clock.ticker(), new SimpleMeterRegistry(),
                activity::add, (ctx, outcome) -> done.add(new Done(ctx, outcome))));
        manager.attachNotifier(notifier);
    }

    /** Over the real engine (recording its analyses). */
    static TxHarness real(Path dir, TransactionsSection config) {
        return new TxHarness(dir, config, (store, clock) -> new RecordingEngine(DefaultVoiceprintEngine.open(store, extractor(),
                EngineConfig.DEFAULTS, clock, new SimpleMeterRegistry(), 1000)));
    }

    /** Over a scripted engine whose results the test supplies. */
    static TxHarness scripted(Path dir, TransactionsSection config, ScriptedEngine engine) {
        return new TxHarness(dir, config, (store, clock) -> engine);
    }

    static TransactionsSection config(String autoStart, Duration netSpeech, Duration maxListen, Integer maxPerCall) {
        return new TransactionsSection(autoStart, netSpeech, maxListen, maxPerCall, List.of("customerId"), true, "IE", null);
    }

    private static synchronized VoiceprintExtractor extractor() {
        if (extractor == null) {
            extractor = DefaultVoiceprintEngine.defaultExtractor();
        }
        return extractor;
    }

    RecordingEngine recording() {
        return (RecordingEngine) engine;
    }

    // ---- calls ---------------------------------------------------------------------------------

    /** Binds a new call from {@code ani} (may be null) with Genesys participant attributes. */
    Call bind(String ani, Map<String, String> attributes) {
        String conv = UUID.randomUUID().toString();
        FakeSession session = new FakeSession(conv);
        Binding b = new Binding(session, AGENT, new AgentConversationEvent(conv, AGENT, true, CUSTOMER_PARTICIPANT, ani,
                attributes, null, clock.instant()));
        manager.onBound(b);
        return new Call(session, b, manager.call(conv));
    }

    void resumed(Call c) {
        manager.onResumed(c.session());
    }

    void paused(Call c) {
        manager.onPaused(c.session());
    }

    void end(Call c) {
        manager.onUnbound(c.binding(), "stream closed");
    }

    /** Streams customer audio in 20 ms chunks (as AudioHook delivers it), with a silent agent channel. */
    void speak(Call c, short[] pcm) {
        for (int at = 0; at < pcm.length; at += 160) {
            int n = Math.min(160, pcm.length - at);
            short[] ext = Arrays.copyOfRange(pcm, at, at + 160);
            manager.onAudio(c.session(), new AudioChunk(new short[][] {ext, new short[160]},
                    List.of(Channel.EXTERNAL, Channel.INTERNAL), at, n));
        }
    }

    void silence(Call c, Duration d) {
        speak(c, new short[(int) (d.toMillis() * 8)]);
    }

    ConversationView view(Call c) {
        return notifier.latest(c.conv()).orElseThrow();
    }

    /** The next finished transaction, once the manager has also moved on from it. */
    Done awaitDone(Call c) throws InterruptedException {
        Done d = done.poll(60, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("no transaction finished within 60 s");
        }
        settle(c);
        return d;
    }

    /** Waits until no other thread holds the call's lock (a hand-off, not a sleep). */
    void settle(Call c) {
        synchronized (c.state()) {
            c.state().hashCode();
        }
    }

    CommandOutcome command(AgentPrincipal who, Call c, CommandType type) throws Exception {
        return command(who, c.conv(), UUID.randomUUID().toString(), type, false, null);
    }

    CommandOutcome command(AgentPrincipal who, String conv, String requestId, CommandType type, boolean consent,
                           String claimedId) throws Exception {
        return manager.commands().onCommand(who, new AgentCommand(requestId, type, conv, consent, claimedId))
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    // ---- speech --------------------------------------------------------------------------------

    /** A committed corpus clip, 8 kHz PCM ({@code speaker}: e00-esp-m1, e03-esp-f1, e27-flite-awb, e29-flite-slt). */
    static short[] clip(String speaker, String name) {
        return WavReader.read(CORPUS.resolve(speaker).resolve(name + "-mulaw.wav")).samples8k();
    }

    static short[] concat(short[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Enrolls {@code biokey} through the real engine from a speaker's enrollment clip (consent recorded). */
    void enroll(String biokey, String speaker) throws Exception {
        store.recordConsent(biokey, new ConsentRecord(clock.instant(), "test", "tester"));
        try (Analysis a = engine.newAnalysis(AnalysisRequest.passive(8000))) {
            short[] pcm = clip(speaker, "enroll");
            for (int at = 0; at < pcm.length; at += 160) {
                a.feed(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 160)), null);
            }
            EnrollmentResult r = engine.enroll(a, Set.of(biokey), "tester").get(60, TimeUnit.SECONDS);
            if (r.outcomes().get(biokey) != EnrollmentResult.Outcome.ENROLLED) {
                throw new IllegalStateException("test set-up: enrollment of " + speaker + " gave " + r.outcomes());
            }
        }
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
