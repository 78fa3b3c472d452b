package dev.voicegate.audiohook.bench;

import ch.qos.logback.classic.Level;
import dev.voicegate.audiohook.api.AudioChunk;
import dev.voicegate.audiohook.api.AudioHookListener;
import dev.voicegate.audiohook.api.AudioHookSession;
import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.api.OpenInfo;
import dev.voicegate.audiohook.auth.ApiKeyConfig;
import dev.voicegate.audiohook.auth.AuthConfig;
import dev.voicegate.audiohook.config.ConnectionLimits;
import dev.voicegate.audiohook.config.ServerLimits;
import dev.voicegate.audiohook.netty.AudioHookServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * The server side of {@link AudioHookLoad}: an {@link AudioHookServer} on 127.0.0.1 in its own JVM, so
 * that its CPU time, heap and RSS are the server's alone. Started by {@link ServerProcess}; not meant
 * to be run by hand.
 *
 * <p>Arguments: {@code <ioThreads> <resume|paused> <maxSeconds> <autogroupNice>}. Control protocol on stdin/stdout, one
 * line each way, answers prefixed {@value #PREFIX}: {@code stats}, {@code gc} (full GC, then stats),
 * {@code quit}. The JVM exits by itself when stdin closes (the parent died) or after {@code maxSeconds}.
 */
public final class BenchServerMain {

    static final String PREFIX = "@bench ";
    static final String KEY = "bench-key";
    static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";

    private BenchServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.voicegate")).setLevel(Level.WARN);
        int ioThreads = Integer.parseInt(args[0]);
        boolean resume = "resume".equals(args[1]);
        long maxSeconds = Long.parseLong(args[2]);
        Priority.setAutogroupNice(Integer.parseInt(args[3]));   // its own session (setsid): ends with it
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        startWatchdog(maxSeconds);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountingListener listener = new CountingListener(resume);
        // Limits raised for load: one organisation opens all sessions from one address; 10,000+ sessions at once.
        ServerLimits limits = ServerLimits.defaults().withMaxSessions(50_000).withOpenRate(100_000, 100_000)
                .withConnections(ConnectionLimits.defaults().withUpgradeRatePerSource(100_000, 100_000)
                        .withMaxPendingConnectionsPerSource(50_000));
        AudioHookServer server = AudioHookServer.builder().host("127.0.0.1").port(0)
                .auth(AuthConfig.of(List.of(new ApiKeyConfig(KEY, SECRET)))).limits(limits)
                .listener(listener).meterRegistry(registry).ioThreads(ioThreads)
                .drainPeriod(Duration.ZERO).closeTimeout(Duration.ofSeconds(5))
                .clock(Clock.systemUTC()).ticker(System::nanoTime).start();
        ServerProbe probe = new ServerProbe(registry, listener.samples, listener.chunks);
        out.println(PREFIX + "port=" + server.port());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "stats" -> out.println(PREFIX + probe.snapshot(server.activeSessions()).format());
                case "gc" -> {
                    probe.fullGc();
                    out.println(PREFIX + probe.snapshot(server.activeSessions()).format());
                }
                case "quit" -> {
                    closeQuietly(server);
                    out.println(PREFIX + "bye");
                    System.exit(0);
                }
                default -> out.println(PREFIX + "error=unknown-command");
            }
        }
        closeQuietly(server);     // stdin closed: the parent is gone
        System.exit(0);
    }

    /** The figures are taken by now; a failing close must not keep the JVM alive, but is reported. */
    private static void closeQuietly(AudioHookServer server) {
        try {
            server.close();
        } catch (RuntimeException e) {
            System.err.println("bench server: close failed: " + e);
        }
    }

    private static void startWatchdog(long maxSeconds) {
        Thread t = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(maxSeconds);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            System.err.println("bench server: " + maxSeconds + " s limit reached, halting");
            Runtime.getRuntime().halt(3);
        }, "bench-watchdog");
        t.setDaemon(true);
        t.start();
    }

    /** Decides at once (resume or start paused) and counts decoded frames and samples; never blocks. */
    static final class CountingListener implements AudioHookListener {
        final LongAdder samples = new LongAdder();
        /** Decoded frames; exact at any moment, unlike the frames meter, which sessions update in batches. */
        final LongAdder chunks = new LongAdder();
        private final CompletableFuture<OpenDecision> decision;

        CountingListener(boolean resume) {
            this.decision = CompletableFuture.completedFuture(resume ? OpenDecision.resume() : OpenDecision.startPaused());
        }

        @Override
        public CompletionStage<OpenDecision> onOpen(AudioHookSession session, OpenInfo info) {
            return decision;
        }

        @Override
        public void onAudio(AudioHookSession session, AudioChunk chunk) {
            samples.add(chunk.samples());
            chunks.increment();
        }
    }
}
