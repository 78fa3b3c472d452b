package dev.voicegate.core.demo;

import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.core.Gateway;
import dev.voicegate.core.time.Timers;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.auth.LocalTokenService;
import io.netty.channel.EventLoopGroup;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code voicegate demo [--duration 30s] [--seed N] [--port-base PORT]}: the gateway with a simulated
 * Genesys organisation, simulated callers on real AudioHook WebSockets and simulated agent screens,
 * all on loopback. Prints the agent-app URLs and a live story; stops at the end of {@code --duration}
 * or on Ctrl-C and prints a summary. Blocks until then.
 */
public final class DemoCommand {
    private static final Duration TOKEN_TTL = Duration.ofHours(12);
    /** The write-back attributes the demo log shows (an Architect flow branches on these). */
    private static final java.util.Set<String> WRITE_BACK_SHOWN = java.util.Set.of("BioResult", "BioSearch", "BioEnrollment",
            "BioDecision", "BioVeto");

    private final DemoOptions options;
    private final PrintStream out;
    private final Gateway.Time time;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private DemoStats.Summary summary;

    DemoCommand(DemoOptions options, PrintStream out, Gateway.Time time) {
        this.options = options;
        this.out = out;
        this.time = time;
    }

    /** The CLI entry point; 0 after a clean run, 2 on bad options, 1 when the demo could not start. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("voicegate demo: " + e.getMessage());
            return 2;
        }
        quietLogs();
        DemoCommand demo = new DemoCommand(options, out, Gateway.Time.system());
        if (options.duration().isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(demo::stopAndWait, "voicegate-demo-stop"));
        }
        try {
            demo.runUntilStopped();
            return 0;
        } catch (Exception e) {
            err.println("voicegate demo: could not run: " + e);
            return 1;
        }
    }

    /**
     * The console is the demo's story: component logs go down to WARN unless VOICEGATE_LOG_LEVEL asks
     * for more (only for the CLI; tests keep their own logging).
     */
    private static void quietLogs() {
        if (System.getenv("VOICEGATE_LOG_LEVEL") != null) {
            return;
        }
        for (String name : new String[] {"dev.voicegate", "voicegate"}) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    /** Runs the demo until {@code --duration} passed or {@link #stopAndWait()} is called; returns the summary. */
    DemoStats.Summary runUntilStopped() throws Exception {
        Running demo = new Running(Files.createTempDirectory("voicegate-demo-"));
        try {
            demo.start();
            awaitStop();
            demo.log.line("STOP", null, "stopping: callers hang up, enrollments in progress are stored, the gateway drains");
        } finally {
            summary = demo.stop();
            printSummary(demo.log, summary, demo.dataDir);
            finished.countDown();
        }
        return summary;
    }

    /** Everything one run starts, and its ordered start and stop. */
    private final class Running {
        final Path dataDir;
        final DemoLog log = new DemoLog(out, time.ticker());
        final DemoStats stats = new DemoStats(time.ticker());
        final DemoConfig demoConfig;
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-scheduler");
            t.setDaemon(true);
            return t;
        });
        final EventLoopGroup callers = Transports.group(1, "demo-callers");
        final SimulatedOrg org = new SimulatedOrg(DemoCast.AGENTS, Timers.on(scheduler), time.clock());
        Gateway gateway;
        CallSimulator calls;
        AgentDesk desk;

        Running(Path dataDir) {
            this.dataDir = dataDir;
            this.demoConfig = new DemoConfig(options, dataDir);
        }

        void start() throws Exception {
            intro(log, dataDir);
            gateway = Gateway.start(demoConfig.config, time, org);
            gateway.onActivity(new ActivityPrinter(log, stats, DemoCast.AGENTS.stream()
                    .collect(Collectors.toMap(DemoCast.Agent::userId, DemoCast.Agent::name))));
            org.onAttributeWrite(w -> {
                log.line("WRITE-BACK", w.conversationId(), w.attributes().size()
                        + " participant attributes written to Genesys for Architect flows ("
                        + w.attributes().keySet().stream().filter(WRITE_BACK_SHOWN::contains)
                        .sorted().map(k -> k + "=" + w.attributes().get(k)).collect(Collectors.joining(", ")) + ", …)");
                if (calls != null) {
                    calls.callerOf(w.conversationId()).ifPresent(c -> stats.written(c.role(), w.conversationId(), w.attributes()));
                }
            });
            gateway.syncAgentsNow().toCompletableFuture().get(10, TimeUnit.SECONDS);
            new DemoEnrollments(gateway.engine().orElseThrow(), gateway.store().orElseThrow(), time.clock(), log)
                    .run(demoConfig.config.transactions().blocklistId());
            new DemoEnrollments(gateway.engine().orElseThrow(), gateway.store().orElseThrow(), time.clock(), log).earlierCalls();
            Map<DemoCast.Agent, String> tokens = tokens(gateway.localTokens().orElseThrow());
            printUrls(log, gateway.agentPort(), tokens);
            URI audiohook = URI.create("ws://127.0.0.1:" + gateway.audiohookPort() + demoConfig.config.audiohook().path());
            calls = new CallSimulator(new CallSimulator.Endpoint(audiohook, DemoConfig.ORGANIZATION_ID, DemoConfig.API_KEY,
                    demoConfig.audiohookSecret), org, callers, scheduler, options.seed(), log, stats);
            desk = new AgentDesk(gateway.agentPort(), calls::callerOf, log, stats);
            desk.start(tokens);
            log.line("START", null, "calls start arriving (seed " + options.seed() + ")"
                    + options.duration().map(d -> "; the demo stops after " + d.toSeconds() + " s").orElse("; Ctrl-C stops the demo"));
            calls.start();
        }

        DemoStats.Summary stop() {
            DemoStats.Summary s = shutdown(calls, desk, gateway, stats);
            scheduler.shutdownNow();
            callers.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            deleteRecursively(dataDir);
            return s;
        }
    }

    private void awaitStop() throws InterruptedException {
        if (options.duration().isPresent()) {
            stopRequested.await(options.duration().get().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            stopRequested.await();
        }
    }

    /** Asks the demo to stop and waits (bounded) until it has; for Ctrl-C. */
    void stopAndWait() {
        stopRequested.countDown();
        try {
            finished.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DemoStats.Summary shutdown(CallSimulator calls, AgentDesk desk, Gateway gateway, DemoStats stats) {
        if (calls != null) {
            calls.close();
            try {
                // Enrollments are stored when their call ends: let the ones of the calls just hung up finish.
                stats.awaitEnrollments(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (gateway != null) {
            gateway.close();        // drains: enrollments of calls that just ended are committed first
        }
        if (desk != null) {
            desk.close();
        }
        return stats.summary();
    }

    private Map<DemoCast.Agent, String> tokens(LocalTokenService service) {
        Map<DemoCast.Agent, String> tokens = new LinkedHashMap<>();
        for (DemoCast.Agent a : DemoCast.AGENTS) {
            if (a.monitored()) {
                tokens.put(a, service.issue(AgentPrincipal.agent(a.userId(), a.name()), TOKEN_TTL));
            }
        }
        return tokens;
    }

    private void intro(DemoLog log, Path dataDir) {
        log.text("VoiceGate demo — passive voice biometrics for a (simulated) Genesys Cloud contact centre.");
        log.text("Callers speak over real AudioHook WebSockets on 127.0.0.1; VoiceGate lets audio flow only for calls of");
        log.text("agents in group '" + DemoCast.MONITORED_GROUP + "', verifies or identifies each caller by voice, and pushes the");
        log.text("result to the agent's screen. No network beyond loopback, no external service.");
        log.text("Ephemeral secrets: a new store encryption key, agent-token secret and AudioHook secret for this run only;");
        log.text("voiceprints live in " + dataDir + " (deleted at exit).");
        log.text("");
        log.text("Who calls, and what to watch for:");
        DemoCast.STORY.forEach(line -> log.text("  " + line));
        log.text("");
    }

    private void printUrls(DemoLog log, int agentPort, Map<DemoCast.Agent, String> tokens) {
        log.text("");
        log.text("Agent app — open the URL of the agent who is on a call (the log says who answers):");
        tokens.forEach((a, token) -> log.text(String.format("  %-14s http://127.0.0.1:%d/agent/?token=%s", a.name(), agentPort, token)));
        log.text("");
    }

    private static void printSummary(DemoLog log, DemoStats.Summary s, Path dataDir) {
        log.text("");
        log.text("Summary");
        log.text("  calls placed:         " + s.calls() + "  " + new TreeMap<>(s.callsByRole()));
        log.text("  streams gated out:    " + s.gatedOut() + "  (unmonitored agents: no audio processed)");
        for (String kind : List.of("VERIFY", "IDENTIFY", "ENROLL")) {
            log.text(String.format("  %-21s %d  %s", kind.toLowerCase(Locale.ROOT) + " completed:", s.completed(kind),
                    new TreeMap<>(s.transactions().getOrDefault(kind, Map.of()))));
        }
        log.text("  alerts:               " + (s.alerts().isEmpty() ? "none" : new TreeMap<>(s.alerts())));
        log.text("  data dir removed:     " + dataDir);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the demo data dir " + dir, e);
        }
    }
}
