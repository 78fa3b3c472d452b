package dev.voicegate.audiohook.bench;

import ch.qos.logback.classic.Level;
import dev.voicegate.audiohook.netty.Transports;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 * ({@link ServerProcess}), so the server's CPU seconds, heap and RSS are its own, or against any server
 * at {@code --url} ({@link RemoteTarget}). A benchmark, not a test.
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
 *
 * <p>Any server: {@code --url ws://host:port/path} or {@code wss://…} targets a running server instead of
 * starting one ({@code --server-xmx}, {@code --io-threads}, {@code --jfr}, {@code --max-seconds} then do not
 * apply); {@code --api-key}/{@code --secret} are the credentials the sessions sign with (defaults: the bench
 * server's; {@code --secret ""} sends unsigned requests), {@code --organization-id} the id in their
 * {@code open} (default: a random one), {@code --insecure true} trusts any server certificate (self-signed
 * test servers), {@code --server-pid PID} (a server on this machine) adds its CPU, RSS and, for a JVM, heap
 * after a {@code jcmd} GC. The report is the same; figures only the bench server knows print {@code n/a}.
 */
public final class AudioHookLoad {

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
        try (Target server = args.url().isPresent()
                ? new RemoteTarget(args.url().get(), args.number("server-pid"))
                : ServerProcess.start(args.string("server-xmx"), args.number("io-threads"), resume,
                        jfr.isEmpty() ? null : Path.of(jfr), args.positive("max-seconds"), priority)) {
            System.out.println(server.describe());
            KeyValues base = server.statsAfterGc();
            printMemory("baseline (no sessions)", base, base, 0);
            SessionFleet fleet = new SessionFleet(endpoint(server), clients, ticker,
                    Duration.ofSeconds(args.positive("ping")), 24 * 3600);
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

    private Endpoint endpoint(Target server) throws javax.net.ssl.SSLException {
        String org = args.string("organization-id");
        return new Endpoint(server.uri(), args.string("api-key"), args.string("secret"),
                org.isEmpty() ? java.util.UUID.randomUUID().toString() : org,
                args.bool("insecure") ? io.netty.handler.ssl.SslContextBuilder.forClient()
                        .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE).build() : null);
    }

    private void openRate(Target server, SessionFleet fleet) throws Exception {
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
        System.out.printf("open->opened (server timer incl. warm-up, last ~2 min): %s%n", s1.has("openCount")
                ? String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", s1.get("openP50Ms", -1), s1.get("openP99Ms", -1),
                        s1.get("openMaxMs", -1), (long) s1.get("openCount")) : "n/a");
        printCpu("during the ramp", s0, s1, t1 - t0);
        printErrors(s1, fleet);
    }

    private void steady(Target server, SessionFleet fleet, KeyValues base) throws Exception {
        int sessions = args.positive("sessions");
        fleet.ramp(sessions, args.positive("ramp-rate"));
        int opened = fleet.awaitOpened(Duration.ofSeconds(60));
        System.out.printf("sessions: %d requested at %d/s, %d opened, failures %s%n", sessions,
                args.positive("ramp-rate"), opened, fleet.failures());
        KeyValues ramp = server.stats();
        System.out.printf("open->opened (client) during the ramp: %s; server timer %s%n", fleet.openLatencies().millis(),
                ramp.has("openP50Ms") ? String.format("p50 %.2f ms, p99 %.2f ms", ramp.get("openP50Ms"), ramp.get("openP99Ms", -1))
                        : "n/a");
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
        System.out.printf("window: %.1f s, %s live sessions on the server (active %s, paused %s)%n", seconds,
                count(s1, "sessions"), count(s1, "active"), count(s1, "paused"));
        System.out.printf("audio frames/s decoded by the server: %s (real time = %d), decoded samples/s %s%n",
                rate(s0, s1, "audioFrames", seconds, "%.1f"), "stream".equals(args.scenario()) ? fleet.size() * 5 : 0,
                rate(s0, s1, "samples", seconds, "%.0f"));
        System.out.printf("pong RTT (client, ping written -> pong decoded): %s%n", fleet.rttsSince(marks).millis());
        printCpu("steady state", s0, s1, t1 - t0);
        System.out.printf("load-tool JVM (clients) CPU: %.1f %% of one core%n", 100.0 * clientCpu / (t1 - t0));
        printErrors(s1, fleet);
        printMemory("with " + fleet.size() + " sessions", base, server.statsAfterGc(), fleet.size());
    }

    private static void printErrors(KeyValues s, SessionFleet fleet) {
        System.out.printf("server: dropped frames %s, rejections %s, protocol errors %s, auth rejections %s;"
                + " clients saw protocol errors %s%n", count(s, "droppedFrames"), count(s, "rejections"),
                count(s, "protocolErrors"), s.has("protocolErrors") ? s.startingWith("authRejected_") : "n/a",
                fleet.protocolErrors());
    }

    /** A whole number the server sent, or {@code n/a}. */
    private static String count(KeyValues s, String key) {
        return s.has(key) ? Long.toString((long) s.get(key)) : "n/a";
    }

    private static String rate(KeyValues s0, KeyValues s1, String key, double seconds, String format) {
        return s0.has(key) && s1.has(key) ? String.format(format, (s1.get(key) - s0.get(key)) / seconds) : "n/a";
    }

    private static void printCpu(String label, KeyValues s0, KeyValues s1, long wallNanos) {
        if (!s0.has("cpuNanos") || !s1.has("cpuNanos")) {
            System.out.printf("server CPU %s: n/a%n", label);
            return;
        }
        double cpu = (s1.get("cpuNanos") - s0.get("cpuNanos")) / wallNanos;
        double io = (s1.get("ioCpuNanos", Double.NaN) - s0.get("ioCpuNanos", Double.NaN)) / wallNanos;
        double user = s1.get("userTicks") - s0.get("userTicks");
        double sys = s1.get("sysTicks") - s0.get("sysTicks");
        System.out.printf("server CPU %s: %.2f %% of one core = %.2f CPU s/min (I/O threads: protocol + decoding "
                + "%s; rest = GC, JIT, timers); kernel share %.0f %%%n", label, 100 * cpu, 60 * cpu,
                Double.isNaN(io) ? "n/a" : String.format("%.2f %% = %.2f CPU s/min", 100 * io, 60 * io),
                user + sys > 0 ? 100 * sys / (user + sys) : -1);
    }

    private static void printMemory(String label, KeyValues base, KeyValues now, int sessions) {
        System.out.printf("server memory %s, after full GC: heap used %s MiB, RSS %s MiB, Netty direct %s MiB%n", label,
                mib(now, "heapUsed", 1048576.0), mib(now, "rssKb", 1024.0), mib(now, "directBytes", 1048576.0));
        if (sessions > 0) {
            double heapPer = (now.get("heapUsed", Double.NaN) - base.get("heapUsed", Double.NaN)) / sessions;
            double rssPer = (now.get("rssKb", Double.NaN) - base.get("rssKb", Double.NaN)) * 1024.0 / sessions;
            System.out.printf("  per session: heap %s KB, RSS %s KB; per 1,000 sessions: heap %s MiB, RSS %s MiB%n",
                    decimal(heapPer / 1000), decimal(rssPer / 1000), decimal(heapPer * 1000 / 1048576),
                    decimal(rssPer * 1000 / 1048576));
        }
    }

    private static String mib(KeyValues s, String key, double perMib) {
        return decimal(s.get(key, Double.NaN) / perMib);
    }

    private static String decimal(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.1f", v);
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
