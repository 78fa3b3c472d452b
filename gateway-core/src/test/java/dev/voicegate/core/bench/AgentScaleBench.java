package dev.voicegate.core.bench;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Issue #5 scale figures, with the clients in a child JVM ({@link ClientFleet}) so this JVM's heap is
 * the gateway's (plus the idle fake Genesys, which the baseline includes):
 * <ul>
 *   <li>{@code agents}: N agent-app clients connect (each its own agent and token); connect time is
 *       the child's (upgrade request → snapshot received); heap per client = (after − before) / N;</li>
 *   <li>{@code calls}: N calls of monitored agents whose events arrived first (the remembered events
 *       are in the baseline), then N AudioHook streams open and bind; heap per bound conversation =
 *       (after − before) / N (AudioHook session + binding + call state + the agent view).</li>
 * </ul>
 * Run: {@code mvn -B -q -o -pl gateway-core test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.voicegate.core.bench.AgentScaleBench
 * -Dexec.args="agents --n 1000"} (or {@code "calls --n 500"}).
 */
public final class AgentScaleBench {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "agents";
        Map<String, String> opts = BenchArgs.parse(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.voicegate")).setLevel(Level.WARN);
        int n = Integer.parseInt(opts.getOrDefault("n", mode.equals("calls") ? "500" : "1000"));
        Path dir = Files.createTempDirectory("vg-bench-scale");
        System.out.printf(Locale.ROOT, "AgentScaleBench %s, n=%d, load average %.1f%n", mode, n, AgentLatencyBench.loadAverage());
        try (BenchGateway g = new BenchGateway(dir, opts.getOrDefault("auto-start", "none"), Duration.ofSeconds(5), 2 * n + 10)) {
            if (mode.equals("agents")) {
                agents(g, n, dir);
            } else if (mode.equals("calls")) {
                calls(g, n, dir, Integer.parseInt(opts.getOrDefault("agents", "20")));
            } else {
                throw new IllegalArgumentException("mode: " + mode + " (expected: agents|calls)");
            }
        }
        System.out.printf(Locale.ROOT, "done, load average %.1f%n", AgentLatencyBench.loadAverage());
    }

    private static void agents(BenchGateway g, int n, Path dir) throws Exception {
        g.agents(1); // a monitored group exists, so the directory syncs as in production
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(g.token(UUID.randomUUID().toString()));
        }
        Path file = Files.write(dir.resolve("tokens.txt"), tokens, StandardCharsets.UTF_8);
        long before = HeapProbe.usedAfterGc();
        try (ChildJvm child = new ChildJvm("512m", "agents", String.valueOf(g.gateway.agentPort()), file.toString())) {
            System.out.println(child.awaitLine("READY"));
            long after = HeapProbe.usedAfterGc();
            System.out.printf(Locale.ROOT, "gateway heap after GC: %.1f MiB -> %.1f MiB with %.0f agent clients connected "
                    + "(voicegate.notifier.clients): %.1f KiB per client%n", before / 1048576.0, after / 1048576.0,
                    g.meter("voicegate.notifier.clients"), (after - before) / 1024.0 / n);
        }
    }

    private static void calls(BenchGateway g, int n, Path dir, int agentCount) throws Exception {
        List<String> agents = g.agents(agentCount);
        List<String> convs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            convs.add(g.genesys.startCall(agents.get(i % agentCount), String.format(Locale.ROOT, "tel:+3531555%04d", i), "tel:+35315550999"));
        }
        BenchGateway.waitFor(() -> g.meter("voicegate.gating.remembered.events") >= n, n + " remembered events");
        Path file = Files.write(dir.resolve("conversations.txt"), convs, StandardCharsets.UTF_8);
        long before = HeapProbe.usedAfterGc();
        try (ChildJvm child = new ChildJvm("768m", "calls", String.valueOf(g.gateway.audiohookPort()), file.toString())) {
            String line = child.awaitLine("READY");
            System.out.println(line);
            int opened = Integer.parseInt(line.split(" ")[1]);
            BenchGateway.waitFor(() -> g.meter("voicegate.gating.bound.sessions") >= opened, opened + " bound sessions");
            double bound = g.meter("voicegate.gating.bound.sessions");
            long after = HeapProbe.usedAfterGc();
            System.out.printf(Locale.ROOT, "gateway heap after GC: %.1f MiB -> %.1f MiB with %.0f bound conversations "
                    + "(voicegate.gating.bound.sessions; voicegate.tx.calls %.0f): %.1f KiB per bound conversation%n",
                    before / 1048576.0, after / 1048576.0, bound, g.meter("voicegate.tx.calls"), (after - before) / 1024.0 / bound);
        }
    }
}
