package dev.voicegate.audiohook.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the tool did not start, at any {@code ws://} or {@code wss://} URL (ours, another build, another
 * implementation). With the process id of a server on this machine ({@code --server-pid}), its CPU time
 * (user and kernel) and RSS come from {@code /proc/PID}; if it is a JVM, {@code jcmd PID GC.run} forces the
 * full GC before memory figures and {@code jstat -gc PID} gives the heap in use. Without a process id only
 * the client-side figures are measured. Session counts, frame rates and the server's own open timer are
 * known only to our own server JVM ({@link ServerProcess}).
 */
final class RemoteTarget implements Target {

    private static final long CLOCK_TICKS_PER_SECOND = 100;    // USER_HZ on Linux
    private final URI uri;
    private final long pid;

    /** @param pid the server's process id on this machine, or 0 when it is elsewhere or unknown */
    RemoteTarget(URI uri, long pid) {
        this.uri = uri;
        this.pid = pid;
        if (pid > 0 && !Files.isReadable(Path.of("/proc", Long.toString(pid), "stat"))) {
            throw new IllegalArgumentException("--server-pid: " + pid + " (expected: a running process on this machine)");
        }
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String describe() {
        return "server at " + uri + (pid > 0 ? " (pid " + pid + ")" : " (no --server-pid: client-side figures only)");
    }

    @Override
    public KeyValues stats() throws IOException {
        KeyValues kv = new KeyValues();
        if (pid <= 0) {
            return kv;
        }
        long[] userSys = ServerProbe.parseUserSys(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        kv.put("userTicks", userSys[0]);
        kv.put("sysTicks", userSys[1]);
        kv.put("cpuNanos", (userSys[0] + userSys[1]) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND));
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                kv.put("rssKb", Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        }
        return kv;
    }

    @Override
    public KeyValues statsAfterGc() throws IOException, InterruptedException {
        if (pid <= 0) {
            return stats();
        }
        boolean jvm = run("jcmd", Long.toString(pid), "GC.run") != null;
        KeyValues kv = stats();
        String jstat = jvm ? run("jstat", "-gc", Long.toString(pid)) : null;
        if (jstat != null) {
            kv.put("heapUsed", heapUsedBytes(jstat));
        }
        return kv;
    }

    /**
     * The heap in use from {@code jstat -gc} output (a header line and a value line): the sum of the
     * survivor, eden and old "U" (used, KiB) columns, in bytes.
     */
    static double heapUsedBytes(String jstatOutput) {
        String[] lines = jstatOutput.trim().split("\\R");
        List<String> names = List.of(lines[0].trim().split("\\s+"));
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        double kib = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            int i = names.indexOf(column);
            if (i < 0 || i >= values.length) {
                throw new IllegalArgumentException("jstat -gc: no " + column + " column in \"" + lines[0].trim() + "\"");
            }
            kib += Double.parseDouble(values[i]);
        }
        return kib * 1024;
    }

    /** Runs a JDK tool next to this JVM's {@code java}; its output, or null when it fails (not a JVM, other user). */
    private static String run(String tool, String... args) throws IOException, InterruptedException {
        Path bin = Path.of(System.getProperty("java.home"), "bin", tool);
        List<String> cmd = new java.util.ArrayList<>(List.of(Files.isExecutable(bin) ? bin.toString() : tool));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            System.err.println("load: " + tool + " " + String.join(" ", args) + " failed: "
                    + new String(out, StandardCharsets.UTF_8).trim());
            return null;
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
