package dev.voicegate.audiohook.bench;

import ch.qos.logback.classic.Level;
import dev.voicegate.audiohook.netty.Transports;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * AudioHook load tool: drives many concurrent sessions of our {@code AudioHookClient} (one shared
 * client event loop group) against an {@code AudioHookServer} in a child JVM on 127.0.0.1
 * ({@link ServerProcess}), so the server's CPU seconds, heap and RSS are its own. A benchmark, not a test.
 *
 * <pre>
 * mvn -B -q -pl audiohook-server test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.voicegate.audiohook.bench.AudioHookLoad \
 *   -Dexec.args="stream --sessions 1000"
 * </pre>
 *
 * Scenarios (times in seconds):
 * <ul>
 *   <li>{@code open-rate [--rate 100 --warmup 10 --duration 30]}: opens {@code rate} sessions per
 *       second (gated: they start paused and stay open); client and server {@code open}→{@code opened}
 *       p50/p99 of the sessions opened after the warm-up.</li>
 *   <li>{@code stream [--sessions 1000 --ramp-rate 200 --warmup 20 --duration 60]}: stereo PCMU,
 *       200 ms frames at real time, resumed at open; after the warm-up, server CPU, pong RTT, frame
 *       rate over {@code duration}; then heap after GC and RSS.</li>
 *   <li>{@code paused [--sessions 1000 --ramp-rate 500 --settle 12 --duration 30]}: sessions start
 *       paused (only pings flow); the same figures, and heap per session after GC.</li>
 * </ul>
 * Common: {@code --server-xmx 512m}, {@code --io-threads 2} (server),
 * {@code --client-threads 2}, {@code --ping 5} (ping interval), {@code --jfr FILE} (JFR profile of
 * the server JVM), {@code --max-seconds 300} (the server JVM halts itself after this),
 * {@code --priority 0} (Linux scheduler autogroup nice of the tool and of the server JVM, which runs in
 * its own session; negative values need root and take CPU from other work on a shared machine).
 */
public final class AudioHookLoad {

    private static final String PATH = "/api/v1/audiohook/ws";

    private final LoadArgs args;
    private final LongSupplier ticker;

    private AudioHookLoad(LoadArgs args, LongSupplier ticker) {
        this.args = args;
        this.ticker = ticker;
    }

    public static void main(String[] argv) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.voicegate")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.netty")).setLevel(Level.ERROR);
        LoadArgs args;
        try {
            args = LoadArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: AudioHookLoad open-rate|stream|paused [--option value]...: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new AudioHookLoad(args, System::nanoTime).run();
        } finally {
            Priority.restore();
        }
        System.exit(0);     // exec:java waits for non-daemon threads otherwise
    }

    private void run() throws Exception {
        String jfr = args.string("jfr");
        boolean resume = "stream".equals(args.scenario());
        System.out.printf("== AudioHook load: %s %s%n", args.scenario(), args.options());
        System.out.printf("machine: %d cores, load average %s (shared machine: figures are noisy)%n",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        int priority = args.integer("priority");
        Priority.setAutogroupNice(priority);
        EventLoopGroup clients = Transports.group(args.positive("client-threads"), "load-client");
        try (ServerProcess server = ServerProcess.start(args.string("server-xmx"), args.number("io-threads"), resume,
                jfr.isEmpty() ? null : Path.of(jfr), args.positive("max-seconds"), priority)) {
            System.out.printf("server JVM pid %d on 127.0.0.1:%d%n", server.pid(), server.port());
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + PATH);
            KeyValues base = server.statsAfterGc();
            printMemory("baseline (no sessions)", base, base, 0);
            SessionFleet fleet = new SessionFleet(uri, clients, ticker, Duration.ofSeconds(args.positive("ping")),
                    24 * 3600);
            try {
                switch (args.scenario()) {
                    case "open-rate" -> openRate(server, fleet);
                    default -> steady(server, fleet, base);
                }
            } finally {
                fleet.close();
            }
        } finally {
            clients.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        System.out.printf("load average at the end %s%n", loadAverage());
    }

    private void openRate(ServerProcess server, SessionFleet fleet) throws Exception {
        int rate = args.positive("rate");
        int warm = rate * args.number("warmup");
        fleet.ramp(warm, rate);         // JIT warm-up of both JVMs; these sessions stay open but are not counted
        int n = rate * args.positive("duration");
        KeyValues s0 = server.stats();
        long t0 = ticker.getAsLong();
        fleet.ramp(n, rate);
        int opened = fleet.awaitOpened(Duration.ofSeconds(30)) - warm;
        long t1 = ticker.getAsLong();
        KeyValues s1 = server.stats();
        System.out.printf("sessions: %d warm-up + %d measured at %d/s, %d measured opened, failures %s,"
                + " protocol errors %s%n", warm, n, rate, opened, fleet.failures(), fleet.protocolErrors());
        System.out.printf("open->opened (client, open written -> opened decoded): %s%n",
                fleet.openLatencies(warm).millis());
        System.out.printf("open->opened (server timer incl. warm-up, last ~2 min): p50 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms (n=%d)%n",
                s1.get("openP50Ms", -1), s1.get("openP99Ms", -1), s1.get("openMaxMs", -1), (long) s1.get("openCount", 0));
        printCpu("during the ramp", s0, s1, t1 - t0);
        printErrors(s1, fleet);
    }

    private void steady(ServerProcess server, SessionFleet fleet, KeyValues base) throws Exception {
        int sessions = args.positive("sessions");
        fleet.ramp(sessions, args.positive("ramp-rate"));
        int opened = fleet.awaitOpened(Duration.ofSeconds(60));
        System.out.printf("sessions: %d requested at %d/s, %d opened, failures %s%n", sessions,
                args.positive("ramp-rate"), opened, fleet.failures());
        KeyValues ramp = server.stats();
        System.out.printf("open->opened (client) during the ramp: %s; server timer p50 %.2f ms, p99 %.2f ms%n",
                fleet.openLatencies().millis(), ramp.get("openP50Ms", -1), ramp.get("openP99Ms", -1));
        waitFor(Duration.ofSeconds(args.positive("stream".equals(args.scenario()) ? "warmup" : "settle")));
        fleet.ramp(1, 1);       // a late open drops the expired replay-cache nonces of the ramp (lazy expiry)
        fleet.awaitOpened(Duration.ofSeconds(10));
        KeyValues s0 = server.stats();
        int[] marks = fleet.rttMarks();
        long t0 = ticker.getAsLong();
        long clientCpu0 = clientCpuNanos();
        waitFor(Duration.ofSeconds(args.positive("duration")));
        long t1 = ticker.getAsLong();
        KeyValues s1 = server.stats();
        long clientCpu = clientCpuNanos() - clientCpu0;
        double seconds = (t1 - t0) / 1e9;
        System.out.printf("window: %.1f s, %d live sessions on the server (active %d, paused %d)%n", seconds,
                (long) s1.get("sessions"), (long) s1.get("active"), (long) s1.get("paused"));
        System.out.printf("audio frames/s decoded by the server: %.1f (real time = %d), decoded samples/s %.0f%n",
                (s1.get("audioFrames") - s0.get("audioFrames")) / seconds, "stream".equals(args.scenario())
                        ? fleet.size() * 5 : 0, (s1.get("samples") - s0.get("samples")) / seconds);
        System.out.printf("pong RTT (client, ping written -> pong decoded): %s%n", fleet.rttsSince(marks).millis());
        printCpu("steady state", s0, s1, t1 - t0);
        System.out.printf("load-tool JVM (clients) CPU: %.1f %% of one core%n", 100.0 * clientCpu / (t1 - t0));
        printErrors(s1, fleet);
        printMemory("with " + fleet.size() + " sessions", base, server.statsAfterGc(), fleet.size());
    }

    private static void printErrors(KeyValues s, SessionFleet fleet) {
        System.out.printf("server: dropped frames %d, rejections %d, protocol errors %d, auth rejections %s;"
                + " clients saw protocol errors %s%n", (long) s.get("droppedFrames"), (long) s.get("rejections"),
                (long) s.get("protocolErrors"), s.startingWith("authRejected_"), fleet.protocolErrors());
    }

    private static void printCpu(String label, KeyValues s0, KeyValues s1, long wallNanos) {
        double cpu = (s1.get("cpuNanos") - s0.get("cpuNanos")) / wallNanos;
        double io = (s1.get("ioCpuNanos") - s0.get("ioCpuNanos")) / wallNanos;
        double user = s1.get("userTicks") - s0.get("userTicks");
        double sys = s1.get("sysTicks") - s0.get("sysTicks");
        System.out.printf("server CPU %s: %.2f %% of one core = %.2f CPU s/min (I/O threads: protocol + decoding "
                + "%.2f %% = %.2f CPU s/min; rest = GC, JIT, timers); kernel share %.0f %%%n", label, 100 * cpu,
                60 * cpu, 100 * io, 60 * io, user + sys > 0 ? 100 * sys / (user + sys) : -1);
    }

    private static void printMemory(String label, KeyValues base, KeyValues now, int sessions) {
        double heapMiB = now.get("heapUsed") / 1048576.0;
        double rssMiB = now.get("rssKb") / 1024.0;
        System.out.printf("server memory %s, after full GC: heap used %.1f MiB, RSS %.1f MiB, Netty direct %.1f MiB%n",
                label, heapMiB, rssMiB, now.get("directBytes") / 1048576.0);
        if (sessions > 0) {
            double heapPer = (now.get("heapUsed") - base.get("heapUsed")) / sessions;
            double rssPer = (now.get("rssKb") - base.get("rssKb")) * 1024.0 / sessions;
            System.out.printf("  per session: heap %.1f KB, RSS %.1f KB; per 1,000 sessions: heap %.1f MiB, RSS %.1f MiB%n",
                    heapPer / 1000, rssPer / 1000, heapPer * 1000 / 1048576, rssPer * 1000 / 1048576);
        }
    }

    private void waitFor(Duration d) {
        long due = ticker.getAsLong() + d.toNanos();
        for (long wait = d.toNanos(); wait > 0; wait = due - ticker.getAsLong()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }
}
