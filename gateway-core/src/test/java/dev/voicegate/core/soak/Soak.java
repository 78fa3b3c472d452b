package dev.voicegate.core.soak;

import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.core.Gateway;
import dev.voicegate.core.config.AdminSection;
import dev.voicegate.core.config.AgentSection;
import dev.voicegate.core.config.AudioHookSection;
import dev.voicegate.core.config.BiometricsSection;
import dev.voicegate.core.config.GatingSection;
import dev.voicegate.core.config.GenesysSection;
import dev.voicegate.core.config.TransactionsSection;
import dev.voicegate.core.config.VoiceGateConfig;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import dev.voicegate.testing.leak.LeakRecorder;
import io.micrometer.core.instrument.Gauge;
import io.netty.channel.EventLoopGroup;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Soak and fault run: one real gated gateway (biometrics, transactions, agent app) against the fake
 * Genesys Cloud, all on loopback, churned for a while, with resource figures before and after.
 *
 * <p>What it churns, each paced by a scheduler and bounded in concurrency:
 * <ul>
 *   <li><b>AudioHook sessions</b> (≤ 12 at once, one started every 300 ms), in four kinds taken in turn:
 *       the conversation event before the open (resumed at {@code opened}, verification runs, then the
 *       gateway pauses it); the event after the open (starts paused, resumed when the event is
 *       republished); the TCP connection dropped without a close; a conversation no monitored agent
 *       has (disconnected at the 2 s match timeout). Each lives 1.5–5 s, then {@code close} (or abort),
 *       and the call ends at the fake.</li>
 *   <li><b>Agent WebSockets</b> (≤ 6 at once, one every 400 ms): connect with a local token, get the
 *       snapshot, send an {@code ENROLL} (with consent) for their agent's live call, then close cleanly
 *       or abort after 1–4 s.</li>
 *   <li><b>Genesys faults</b>, one every 4 s in turn: notification sockets dropped; a 429 storm (the
 *       next 20 REST requests, {@code Retry-After: 1}); every app token revoked (401, new login);
 *       tokens issued with a 5 s lifetime for one period (they expire, channels die with them); all
 *       notification channels expired; the next 5 REST requests answered 503.</li>
 *   <li><b>Store writes</b>, one every 250 ms: consent and an enrollment (through the engine) for one
 *       of 50 biokeys — the same numbers the callers present, so verifications find them — and every
 *       tenth write deletes that voiceprint instead.</li>
 * </ul>
 *
 * <p>Figures: before the gateway starts; the <b>baseline</b> after a warm-up of churn, with the churn
 * stopped and everything drained (sessions 0, agent clients 0, the fake's own records forgotten; the
 * Genesys notification channel is not waited for, whether it was live is counted); the
 * <b>end</b> the same way after the run. Each is RSS, heap after full GCs, live threads and open file
 * descriptors ({@link Probe}); Netty leak reports are collected at the end ({@link LeakRecorder}, which
 * {@link #main} installs before Netty loads; under JUnit the launcher listener does).
 *
 * <p>Command (1 h; in the repository root; its own JVM, so that leak detection is PARANOID as in the
 * tests and the figures are this process's alone):
 * <pre>
 * mvn -B -q -pl gateway-core -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/soak-cp.txt -Dmdep.includeScope=test
 * java -Dio.netty.leakDetection.level=PARANOID -Dio.netty.leakDetection.targetRecords=8 -Xmx2g \
 *     -cp gateway-core/target/test-classes:gateway-core/target/classes:$(cat /tmp/soak-cp.txt) \
 *     dev.voicegate.core.soak.Soak --duration 1h --warmup 60s
 * </pre>
 * It prints the figures and exits 1 when {@link Report#failures} with {@link Limits#DEFAULT} is not empty.
 */
public final class Soak {
    static final String KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    static final String GROUP = "2e1f6d4a-8b3c-4a90-b7e2-5c9d0f1a3b46";
    static final String PATH = "/api/v1/audiohook/ws";
    private static final String DNIS = "tel:+35315550999";
    private static final int AGENTS = 4;
    private static final int BIOKEYS = 50;
    private static final int MAX_CALLS = 12;
    private static final int MAX_AGENT_SOCKETS = 6;
    private static final Duration DRAIN = Duration.ofSeconds(60);

    /**
     * Growth from the baseline to the end that fails a run. A leak of one thread, socket or buffer
     * per session, agent connection, fault or write exceeds them within the first minute (each is
     * churned hundreds of times per minute); the noise seen between drained points is a few threads
     * (JDK HttpClient and executor pools that have not yet shed idle workers), a few fds, and a few MiB
     * of heap (caches warmed after the baseline).
     */
    record Limits(int threads, long fds, long heapBytes) {
        static final Limits DEFAULT = new Limits(20, 50, 64L << 20);
    }

    record Report(Probe.Snapshot beforeStart, Probe.Snapshot baseline, Probe.Snapshot end, List<String> leaks,
                  Map<String, Long> counts, List<String> problems, Duration ran) {
        /** Leak reports, drain problems and growth beyond {@code limits}; empty = pass. */
        List<String> failures(Limits limits) {
            List<String> out = new ArrayList<>(problems);
            if (!leaks.isEmpty()) {
                out.add(leaks.size() + " Netty leak report(s):\n" + String.join("\n", leaks));
            }
            if (end.threads() - baseline.threads() > limits.threads()) {
                out.add("threads grew " + baseline.threads() + " -> " + end.threads() + " (bound +" + limits.threads() + ")");
            }
            if (end.fds() - baseline.fds() > limits.fds()) {
                out.add("file descriptors grew " + baseline.fds() + " -> " + end.fds() + " (bound +" + limits.fds() + ")");
            }
            if (end.heapAfterGcBytes() - baseline.heapAfterGcBytes() > limits.heapBytes()) {
                out.add("heap after GC grew " + mib(baseline.heapAfterGcBytes()) + " -> " + mib(end.heapAfterGcBytes())
                        + " MiB (bound +" + mib(limits.heapBytes()) + " MiB)");
            }
            return out;
        }

        void print(PrintStream out) {
            out.println("soak: ran " + ran.toSeconds() + " s of churn after the warm-up");
            out.println("  before start: " + beforeStart.line());
            out.println("  baseline:     " + baseline.line());
            out.println("  end:          " + end.line());
            out.printf("  growth:       RSS %+,d KiB, heap after GC %+.1f MiB, threads %+d, fds %+d%n",
                    end.rssKib() - baseline.rssKib(), (end.heapAfterGcBytes() - baseline.heapAfterGcBytes()) / 1048576.0,
                    end.threads() - baseline.threads(), end.fds() - baseline.fds());
            out.println("  leak reports: " + leaks.size());
            out.println("  counts:       " + counts);
            problems.forEach(p -> out.println("  problem:      " + p));
        }
    }

    private final Path dataDir;
    private final FakeGenesysCloud genesys;
    private final Gateway gateway;
    private final EventLoopGroup callers = Transports.group(1, "soak-callers");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "soak-pacer"));
    /** Blocking work (store, fake faults, agent tokens): 2 threads, 64 queued, more are counted and dropped. */
    private final ThreadPoolExecutor work = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64),
            r -> daemon(r, "soak-work"), (r, ex) -> count("work.dropped"));
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<String> agents = new ArrayList<>();
    private final Map<String, String> liveCallOfAgent = new ConcurrentHashMap<>();
    private final Set<AudioHookClient> calls = ConcurrentHashMap.newKeySet();
    private final Set<SoakAgent> agentSockets = ConcurrentHashMap.newKeySet();
    private final Set<String> endable = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean churning = new AtomicBoolean();
    private final AtomicLong callSeq = new AtomicLong();
    private final AtomicLong agentSeq = new AtomicLong();
    private final AtomicLong writeSeq = new AtomicLong();
    private final AtomicInteger faultSeq = new AtomicInteger();
    /** Milliseconds from each channel-expiry fault to a new channel connected with every topic. */
    private final List<Long> recreationMillis = java.util.Collections.synchronizedList(new ArrayList<>());
    private final short[] callerAudio;
    private final short[] enrollAudio;

    private Soak(Path corpus) throws IOException {
        callerAudio = WavReader.read(corpus.resolve("e03-esp-f1").resolve("test0-mulaw.wav")).samples();
        enrollAudio = WavReader.read(corpus.resolve("e03-esp-f1").resolve("enroll-mulaw.wav")).samples();
        dataDir = Files.createTempDirectory("voicegate-soak");
        genesys = FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofSeconds(5)).start();
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] tokenSecret = new byte[32];
        random.nextBytes(tokenSecret);
        VoiceGateConfig config = new VoiceGateConfig(
                new AudioHookSection("127.0.0.1", 0, PATH, List.of(new AudioHookSection.ApiKey(KEY, SECRET)), List.of(),
                        null, 1_000, 500, null, null, null, Duration.ofMillis(200), null),
                new AdminSection("127.0.0.1", 0),
                new GatingSection("gated", Duration.ofSeconds(2), Duration.ofMinutes(1), null),
                new GenesysSection(null, genesys.apiBaseUrl(), genesys.loginBaseUrl(), FakeGenesysCloud.CLIENT_ID,
                        FakeGenesysCloud.CLIENT_SECRET, List.of(GROUP), List.of(), null, true),
                new TransactionsSection("verify", Duration.ofSeconds(2), Duration.ofSeconds(6), null, null, null, "IE", null),
                null,
                new AgentSection("127.0.0.1", 0, Base64.getEncoder().encodeToString(tokenSecret), false, List.of(), null, null),
                new BiometricsSection(dataDir.toString(), List.of(new BiometricsSection.EncryptionKey("k1",
                        Base64.getEncoder().encodeToString(key))), null, Duration.ofSeconds(15), Duration.ofSeconds(3), null, null));
        gateway = Gateway.start(config, Gateway.Time.system());
        for (int i = 0; i < AGENTS; i++) {
            String id = genesys.addAgent("Soak agent " + i);
            genesys.addGroupMember(GROUP, id);
            agents.add(id);
        }
        gateway.syncAgentsNow().toCompletableFuture().join();
    }

    /** Runs warm-up + {@code duration} of churn and returns the figures; {@code log} gets progress lines. */
    static Report run(Duration warmup, Duration duration, PrintStream log) throws Exception {
        Probe.Snapshot before = Probe.take();
        Soak s = new Soak(corpus());
        try {
            String notReady = s.awaitQuiet("set-up");
            if (notReady != null) {
                throw new IllegalStateException(notReady);
            }
            log.println("soak: gateway up; warm-up " + warmup.toSeconds() + " s");
            s.churn(warmup, log);
            List<String> problems = new ArrayList<>(s.drain("warm-up"));
            LeakRecorder.collectAndDrain(); // leaks are counted from here too; this also runs the GCs
            Probe.Snapshot baseline = Probe.take();
            log.println("soak: baseline " + baseline.line() + "; churning " + duration.toSeconds() + " s");
            long t0 = System.nanoTime();
            s.churn(duration, log);
            Duration ran = Duration.ofNanos(System.nanoTime() - t0);
            problems.addAll(s.drain("run"));
            List<String> leaks = LeakRecorder.installed() ? LeakRecorder.collectAndDrain()
                    : List.of("leak recorder not installed: no leak detection");
            Probe.Snapshot end = Probe.take();
            Map<String, Long> counts = new TreeMap<>();
            s.counts.forEach((k, v) -> counts.put(k, v.sum()));
            counts.putAll(s.recreationFigures());
            return new Report(before, baseline, end, leaks, counts, problems, ran);
        } finally {
            s.close();
        }
    }

    public static void main(String[] args) throws Exception {
        LeakRecorder.install();
        Duration duration = Duration.ofMinutes(10);
        Duration warmup = Duration.ofSeconds(30);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--duration") || a.equals("--warmup")) && i + 1 < args.length) {
                Duration d = parseDuration(a, args[++i]);
                if (a.equals("--duration")) {
                    duration = d;
                } else {
                    warmup = d;
                }
            } else {
                throw new IllegalArgumentException("argument " + (i + 1) + ": '" + a
                        + "' (expected: --duration <n>s|m|h, --warmup <n>s|m|h)");
            }
        }
        Report r = run(warmup, duration, System.out);
        r.print(System.out);
        List<String> failures = r.failures(Limits.DEFAULT);
        failures.forEach(f -> System.out.println("FAIL: " + f));
        System.out.println(failures.isEmpty() ? "soak: PASS" : "soak: FAIL");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** {@code 90s}, {@code 10m}, {@code 1h}. */
    static Duration parseDuration(String option, String value) {
        var m = java.util.regex.Pattern.compile("([1-9][0-9]{0,5})([smh])").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + ": '" + value + "' (expected: a positive whole number with s, m or h, e.g. 90s, 10m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    static Path corpus() {
        Path rel = Path.of("biometrics-engine", "src", "test", "resources", "corpus-mini");
        for (Path p : List.of(rel, Path.of("..").resolve(rel))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("corpus-mini not found under . or .. (run from the repository root or a module)");
    }

    // ---- churn ---------------------------------------------------------------------------------

    private void churn(Duration length, PrintStream log) throws InterruptedException {
        churning.set(true);
        List<java.util.concurrent.ScheduledFuture<?>> tasks = List.of(
                pacer.scheduleAtFixedRate(guard("call", this::startCall), 0, 300, TimeUnit.MILLISECONDS),
                pacer.scheduleAtFixedRate(guard("agent", this::startAgentSocket), 100, 400, TimeUnit.MILLISECONDS),
                pacer.scheduleAtFixedRate(() -> submit("fault", this::fault), 2_000, 4_000, TimeUnit.MILLISECONDS),
                pacer.scheduleAtFixedRate(() -> submit("store", this::storeWrite), 50, 250, TimeUnit.MILLISECONDS),
                pacer.scheduleAtFixedRate(() -> log.println("soak: " + progress()), 30, 30, TimeUnit.SECONDS));
        try {
            // the end of the period, on the same scheduler that paces the load
            pacer.schedule(() -> { }, length.toNanos(), TimeUnit.NANOSECONDS).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        churning.set(false);
        tasks.forEach(t -> t.cancel(false));
    }

    private String progress() {
        return "calls " + calls.size() + " live / " + get("call.started") + " started, agents " + agentSockets.size()
                + " live / " + get("agent.started") + ", faults " + get("fault") + ", store writes " + get("store.enrolled")
                + ", RSS " + Probe.rssKib() + " KiB, threads " + Thread.activeCount() + ", fds " + Probe.fds()
                + ", channel re-creation " + recreationFigures();
    }

    private void startCall() {
        if (!churning.get() || calls.size() >= MAX_CALLS) {
            count("call.skipped");
            return;
        }
        long n = callSeq.getAndIncrement();
        int kind = (int) (n % 4);
        String agent = agents.get((int) (n / 4 % AGENTS));
        String ani = String.format("tel:+353155502%02d", n % BIOKEYS);
        String conv = switch (kind) {
            case 0, 2 -> genesys.startCall(agent, ani, DNIS);
            case 1 -> genesys.prepareCall(agent, ani, DNIS);
            default -> UUID.randomUUID().toString();
        };
        if (kind < 3) {
            endable.add(conv);
            liveCallOfAgent.put(agent, conv);
        }
        AudioHookClientConfig config = AudioHookClientConfig.builder(URI.create("ws://127.0.0.1:" + gateway.audiohookPort() + PATH))
                .organizationId(ORG).credentials(KEY, SECRET).conversationId(conv)
                .participant(new Participant(UUID.randomUUID().toString(), "", "", ""))
                .source(new PcmAudioSource(callerAudio, null)).speed(2).closeAtEndOfSource(true).build();
        AudioHookClient c = AudioHookClient.connect(config, callers);
        calls.add(c);
        count("call.started");
        c.opened().orTimeout(30, TimeUnit.SECONDS).whenComplete((o, e) -> count(e == null
                ? (o.startPaused() ? "call.openedPaused" : "call.opened") : "call.notOpened"));
        if (kind == 1) {
            pacer.schedule(() -> submit("republish", () -> genesys.republish(conv)), 300 + rnd(500), TimeUnit.MILLISECONDS);
        }
        pacer.schedule(() -> {
            if (kind == 2) {
                c.abort();
            } else {
                try {
                    c.close(ClientParameters.CloseReasonCode.END);
                } catch (IllegalStateException notConnected) {
                    c.abort();
                }
            }
        }, 1_500 + rnd(3_500), TimeUnit.MILLISECONDS);
        c.socketClosed().orTimeout(60, TimeUnit.SECONDS).whenComplete((v, e) -> {
            if (e != null) {
                count("call.stuck");
                c.abort();
            }
            count(c.receivedTypes().contains("resume") ? "call.resumed" : "call.neverResumed");
            count(c.receivedTypes().contains("pause") ? "call.pausedByGateway" : "call.notPausedByGateway");
            calls.remove(c);
            liveCallOfAgent.remove(agent, conv);
            if (kind < 3) {
                submit("endCall", () -> {
                    genesys.endCall(conv);
                    endable.remove(conv);
                });
            }
        });
    }

    private void startAgentSocket() {
        if (!churning.get() || agentSockets.size() >= MAX_AGENT_SOCKETS) {
            count("agent.skipped");
            return;
        }
        String agent = agents.get((int) (agentSeq.getAndIncrement() % AGENTS));
        String token = gateway.localTokens().orElseThrow().issue(AgentPrincipal.agent(agent, "Soak " + agent), Duration.ofMinutes(10));
        SoakAgent a = new SoakAgent(http, gateway.agentPort(), token);
        agentSockets.add(a);
        count("agent.started");
        a.socket.whenComplete((ws, e) -> {
            count(e == null ? "agent.connected" : "agent.notConnected");
            if (e == null) {
                String conv = liveCallOfAgent.get(agent);
                if (conv != null) {
                    a.command("ENROLL", conv, true);
                    count("agent.enrollCommand");
                }
                boolean abort = rnd(2) == 0;
                pacer.schedule(() -> a.leave(abort), 1_000 + rnd(3_000), TimeUnit.MILLISECONDS);
            }
        });
        a.gone.orTimeout(60, TimeUnit.SECONDS).whenComplete((v, e) -> {
            if (e != null) {
                count("agent.stuck");
                a.leave(true);
            }
            agentSockets.remove(a);
        });
    }

    private void fault() {
        if (!churning.get()) {
            return;
        }
        int n = faultSeq.getAndIncrement();
        // the short token lifetime lasts one fault period
        genesys.tokenLifetime(Duration.ofSeconds(86399));
        switch (n % 6) {
            case 0 -> {
                genesys.dropSockets();
                count("fault.socketDrop");
            }
            case 1 -> {
                genesys.rateLimitNext("*", ".*", 1, 20);
                count("fault.429storm");
            }
            case 2 -> {
                genesys.revokeTokens();
                count("fault.tokensRevoked");
            }
            case 3 -> {
                genesys.tokenLifetime(Duration.ofSeconds(5));
                genesys.revokeTokens();
                count("fault.shortTokens");
            }
            case 4 -> {
                Set<String> old = Set.copyOf(genesys.channelIds());
                long t0 = System.nanoTime();
                genesys.expireAllChannels();
                count("fault.channelsExpired");
                watchRecreation(old, t0);
            }
            default -> {
                genesys.failNext("*", ".*", 503, 5);
                count("fault.503s");
            }
        }
        count("fault");
    }

    /**
     * Polls the fake every 20 ms (on the pacer) until a channel that is not one of {@code old} has a socket
     * and the last agent's topic, and records the time since {@code t0}; gives up after 120 s (counted).
     */
    private void watchRecreation(Set<String> old, long t0) {
        String last = "v2.users." + agents.get(AGENTS - 1) + ".conversations";
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>> self =
                new java.util.concurrent.atomic.AtomicReference<>();
        self.set(pacer.scheduleWithFixedDelay(() -> {
            if (self.get() == null) {
                return;
            }
            long waited = System.nanoTime() - t0;
            boolean back = genesys.connectedChannelIds().stream()
                    .anyMatch(ch -> !old.contains(ch) && genesys.subscribedTopics(ch).contains(last));
            if (back || waited > TimeUnit.SECONDS.toNanos(120)) {
                if (back) {
                    recreationMillis.add(TimeUnit.NANOSECONDS.toMillis(waited));
                } else {
                    count("channel.notRecreatedWithin120s");
                }
                self.get().cancel(false);
            }
        }, 20, 20, TimeUnit.MILLISECONDS));
    }

    /** n, median and max of the channel re-creation times so far, for the counts and the progress lines. */
    private Map<String, Long> recreationFigures() {
        List<Long> sorted;
        synchronized (recreationMillis) {
            sorted = recreationMillis.stream().sorted().toList();
        }
        if (sorted.isEmpty()) {
            return Map.of("channel.recreated.n", 0L);
        }
        return Map.of("channel.recreated.n", (long) sorted.size(),
                "channel.recreated.medianMs", sorted.get(sorted.size() / 2),
                "channel.recreated.p90Ms", sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1)),
                "channel.recreated.maxMs", sorted.get(sorted.size() - 1));
    }

    private void storeWrite() {
        if (!churning.get()) {
            return;
        }
        long n = writeSeq.getAndIncrement();
        VoiceprintStore store = gateway.store().orElseThrow();
        if (n % 10 == 9) {
            // one enrolled a few writes ago (the one written at n - 9 + 1)
            String biokey = String.format("phone:+353155502%02d", (n - 8) % BIOKEYS);
            count(store.deleteVoiceprint(biokey, Instant.now(), "soak") ? "store.deleted" : "store.nothingToDelete");
            return;
        }
        String biokey = String.format("phone:+353155502%02d", n % BIOKEYS);
        VoiceprintEngine engine = gateway.engine().orElseThrow();
        Analysis a = engine.newAnalysis(AnalysisRequest.passive(8000));
        try {
            for (int at = 0; at < enrollAudio.length; at += 1600) {
                a.feed(Arrays.copyOfRange(enrollAudio, at, Math.min(enrollAudio.length, at + 1600)), null);
            }
            engine.enroll(a, Set.of(biokey), "soak", new ConsentRecord(Instant.now(), "soak", "soak")).get(30, TimeUnit.SECONDS);
            count("store.enrolled");
        } catch (Exception e) {
            count("store.failed:" + rootName(e));
        } finally {
            a.close();
        }
    }

    // ---- drain and close -----------------------------------------------------------------------

    /** Stops producing, lets every client end, ends their calls at the fake; returns what did not settle. */
    private List<String> drain(String phase) throws InterruptedException {
        churning.set(false);
        List<String> problems = new ArrayList<>();
        if (!await(() -> calls.isEmpty() && agentSockets.isEmpty() && work.getActiveCount() == 0 && work.getQueue().isEmpty())) {
            problems.add(phase + ": clients still open after " + DRAIN.toSeconds() + " s: " + calls.size() + " calls, "
                    + agentSockets.size() + " agent sockets");
        }
        endable.forEach(conv -> {
            genesys.endCall(conv);
            endable.remove(conv);
        });
        if (!await(() -> gauges("voicegate.audiohook.sessions") == 0 && gauges("voicegate.notifier.clients") == 0)) {
            problems.add(phase + ": gateway still has " + gauges("voicegate.audiohook.sessions") + " sessions, "
                    + gauges("voicegate.notifier.clients") + " agent clients after " + DRAIN.toSeconds() + " s");
        }
        // not waited for: after a token fault the gateway may take up to a minute to be live again
        count(phase + ".genesysLiveAtDrain:" + (genesys.connectedSockets() > 0));
        genesys.forgetHistory();
        return problems;
    }

    /** Waits until the gateway is subscribed at the fake (a token, a channel with every topic, a socket). */
    private String awaitQuiet(String phase) throws InterruptedException {
        genesys.tokenLifetime(Duration.ofSeconds(86399));
        String last = "v2.users." + agents.get(AGENTS - 1) + ".conversations";
        boolean ok = await(() -> genesys.connectedSockets() > 0 && genesys.channelIds().stream()
                .anyMatch(ch -> genesys.subscribedTopics(ch).contains(last)));
        return ok ? null : phase + ": the gateway did not re-subscribe at the fake within " + DRAIN.toSeconds() + " s";
    }

    private double gauges(String name) {
        return gateway.registry().find(name).gauges().stream().mapToDouble(Gauge::value).sum();
    }

    /** Whether {@code condition} holds within {@link #DRAIN} (polled by Awaitility every 50 ms). */
    private static boolean await(BooleanSupplier condition) {
        try {
            org.awaitility.Awaitility.await().atMost(DRAIN).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    private void close() {
        pacer.shutdownNow();
        work.shutdownNow();
        calls.forEach(AudioHookClient::abort);
        agentSockets.forEach(a -> a.leave(true));
        gateway.close();
        callers.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        genesys.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Runnable guard(String what, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                count(what + ".error:" + rootName(e));
            }
        };
    }

    private void submit(String what, Runnable r) {
        work.execute(guard(what, r));
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private long get(String what) {
        LongAdder a = counts.get(what);
        return a == null ? 0 : a.sum();
    }

    private static int rnd(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private static double mib(long bytes) {
        return Math.round(bytes / 104857.6) / 10.0;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
