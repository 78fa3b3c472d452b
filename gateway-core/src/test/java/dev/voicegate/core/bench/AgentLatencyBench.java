package dev.voicegate.core.bench;

import ch.qos.logback.classic.Level;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.client.WavReader;
import dev.voicegate.core.tx.Activity;
import io.micrometer.core.instrument.Timer;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Agent-notification latency (issue #5 "Measure"): net-speech threshold reached → the agent's client
 * has received the view with the completed transaction, on real sockets (fake Genesys + gated gateway
 * with biometrics + AudioHook callers speaking corpus clips + agent WebSocket clients, one JVM).
 *
 * <p>Method: the gateway's timer {@code voicegate.tx.decision.latency} (threshold → result published)
 * is sampled per transaction by {@link TimerSampler}; the push part is measured from the
 * {@code TX_COMPLETED} activity (emitted on the deciding thread just before the view is built and
 * published) to the client's receipt. Per call, end to end = in-process + push, paired in order.
 *
 * <p>Run: {@code mvn -B -q -o -pl gateway-core test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.voicegate.core.bench.AgentLatencyBench
 * -Dexec.args="--calls 40 --concurrency 4 --warmup 4"}.
 */
public final class AgentLatencyBench {
    private static final long TARGET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Path CORPUS = Path.of("biometrics-engine", "src", "test", "resources", "corpus-mini");

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchArgs.parse(args);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.voicegate")).setLevel(Level.WARN);
        int calls = Integer.parseInt(opts.getOrDefault("calls", "40"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "4"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "4"));
        int speed = Integer.parseInt(opts.getOrDefault("speed", "4"));
        Duration netSpeech = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("net-speech", "5")));
        List<Path> clips = clips();
        Path dir = Files.createTempDirectory("vg-bench-latency");
        System.out.printf(Locale.ROOT, "AgentLatencyBench: %d calls (+%d warm-up), %d at a time, audio at %dx, net speech %s, "
                + "%d clips; load average %.1f%n", calls, warmup, concurrency, speed, netSpeech, clips.size(), loadAverage());
        try (BenchGateway g = new BenchGateway(dir, "identify", netSpeech, 1_000)) {
            Map<String, Long> published = new ConcurrentHashMap<>();
            g.gateway.onActivity(a -> {
                if (a.kind() == Activity.Kind.TX_COMPLETED && a.conversationId() != null) {
                    published.putIfAbsent(a.conversationId(), System.nanoTime());
                }
            });
            List<String> agents = g.agents(concurrency);
            List<AgentClient> apps = connect(g, agents);
            run(g, agents, apps, clips, warmup, speed, 0);
            Timer timer = g.gateway.registry().get("voicegate.tx.decision.latency").timer();
            List<String> measured;
            long[] inProcess;
            int merged;
            try (TimerSampler sampler = new TimerSampler(timer)) {
                measured = run(g, agents, apps, clips, calls, speed, warmup);
                Thread.sleep(50); // let the sampler see the last record (it polls every millisecond)
                inProcess = sampler.samples();
                merged = sampler.merged();
            }
            report(measured, published, apps, inProcess, merged);
            System.out.printf(Locale.ROOT, "gateway timer snapshot (incl. warm-up): %s; load average %.1f%n",
                    timer.takeSnapshot(), loadAverage());
            apps.forEach(AgentClient::abort);
        }
    }

    private static List<AgentClient> connect(BenchGateway g, List<String> agents) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<AgentClient> apps = new ArrayList<>();
        for (String agent : agents) {
            AgentClient c = new AgentClient(http, g.gateway.agentPort(), g.token(agent));
            c.snapshot.get(30, TimeUnit.SECONDS);
            apps.add(c);
        }
        return apps;
    }

    /** Runs {@code n} calls, at most one per agent at a time, starts staggered; returns conversation ids in start order. */
    private static List<String> run(BenchGateway g, List<String> agents, List<AgentClient> apps, List<Path> clips, int n,
                                    int speed, int offset) throws Exception {
        List<String> convs = new ArrayList<>();
        String[] current = new String[agents.size()];
        for (int k = 0; k < n; k++) {
            int a = k % agents.size();
            AgentClient app = apps.get(a);
            if (current[a] != null) {
                String prev = current[a];
                BenchGateway.waitFor(() -> app.firstCompletedNanos.containsKey(prev), "result of " + prev);
            }
            int i = offset + k;
            String conv = g.genesys.startCall(agents.get(a), String.format(Locale.ROOT, "tel:+3531555%04d", i), "tel:+35315550999");
            PcmAudioSource source = WavReader.read(clips.get(i % clips.size()));
            g.caller(conv, source, speed);
            current[a] = conv;
            convs.add(conv);
            Thread.sleep(250); // staggers call starts (load shape), so decisions rarely land in the same millisecond
        }
        for (int a = 0; a < agents.size(); a++) {
            String last = current[a];
            AgentClient app = apps.get(a);
            if (last != null) {
                BenchGateway.waitFor(() -> app.firstCompletedNanos.containsKey(last), "result of " + last);
            }
        }
        return convs;
    }

    private static void report(List<String> convs, Map<String, Long> published, List<AgentClient> apps,
                               long[] inProcess, int merged) {
        List<String> byPublish = new ArrayList<>(convs);
        byPublish.sort(Comparator.comparingLong(published::get));
        long[] push = new long[convs.size()];
        long[] e2e = new long[convs.size()];
        boolean paired = inProcess.length == convs.size() && merged == 0;
        for (int i = 0; i < byPublish.size(); i++) {
            String conv = byPublish.get(i);
            long receipt = apps.stream().map(c -> c.firstCompletedNanos.get(conv)).filter(java.util.Objects::nonNull)
                    .findFirst().orElseThrow();
            push[i] = receipt - published.get(conv);
            e2e[i] = paired ? inProcess[i] + push[i] : 0;
        }
        System.out.println("in-process, threshold -> published (gateway timer, per transaction): "
                + (inProcess.length == 0 ? "no samples" : new Percentiles(inProcess, inProcess.length).summaryMillis())
                + (merged > 0 ? " (" + merged + " merged records not sampled)" : ""));
        System.out.println("push, published -> agent client received: " + new Percentiles(push, push.length).summaryMillis());
        if (paired) {
            Percentiles p = new Percentiles(e2e, e2e.length);
            long over = java.util.Arrays.stream(e2e).filter(v -> v > TARGET_NANOS).count();
            System.out.printf(Locale.ROOT, "end to end, threshold -> agent client received: %s; p95=%.3f ms; over 50 ms: %d of %d%n",
                    p.summaryMillis(), p.at(0.95) / 1e6, over, e2e.length);
        } else {
            System.out.println("end to end not paired per call (samples " + inProcess.length + " of " + convs.size()
                    + "); bound: sum of the two p99s");
        }
    }

    private static List<Path> clips() throws java.io.IOException {
        // exec:java runs in the directory mvn was started from: the repository root or the module
        Path corpus = Files.isDirectory(CORPUS) ? CORPUS : Path.of("..").resolve(CORPUS);
        try (var s = Files.walk(corpus)) {
            return s.filter(p -> p.getFileName().toString().endsWith("-mulaw.wav")).sorted().toList();
        }
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
