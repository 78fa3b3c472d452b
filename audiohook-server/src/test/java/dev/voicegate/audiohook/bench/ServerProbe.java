package dev.voicegate.audiohook.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads the figures of the server JVM it runs in: process and I/O-thread CPU time, heap, RSS, Netty
 * pooled direct memory and the server's meters. Used by {@link BenchServerMain} only.
 */
final class ServerProbe {

    private final MeterRegistry registry;
    private final LongAdder samples;
    private final LongAdder chunks;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    ServerProbe(MeterRegistry registry, LongAdder samples, LongAdder chunks) {
        this.registry = registry;
        this.samples = samples;
        this.chunks = chunks;
    }

    /** Full GCs until the heap stops shrinking (at most 4), so the figure is the live set. */
    void fullGc() {
        long before = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= before - (before >> 6)) {
                return;
            }
            before = used;
        }
    }

    KeyValues snapshot(int activeSessions) {
        KeyValues kv = new KeyValues();
        kv.put("cpuNanos", os.getProcessCpuTime());
        kv.put("ioCpuNanos", threadCpu("audiohook-io"));
        kv.put("acceptCpuNanos", threadCpu("audiohook-accept"));
        kv.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        kv.put("heapCommitted", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
        kv.put("rssKb", rssKb());
        long[] userSys = userSysTicks();
        kv.put("userTicks", userSys[0]);
        kv.put("sysTicks", userSys[1]);
        kv.put("directBytes", PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
        kv.put("sessions", activeSessions);
        kv.put("active", gauge("active"));
        kv.put("paused", gauge("paused"));
        kv.put("audioFrames", chunks.sum());
        kv.put("audioFramesMeter", counter("voicegate.audiohook.frames", "kind", "audio"));
        kv.put("samples", samples.sum());
        kv.put("rejections", total("voicegate.audiohook.rejections"));
        kv.put("protocolErrors", total("voicegate.audiohook.protocol.errors"));
        kv.put("droppedFrames", total("voicegate.audiohook.dropped.frames"));
        openLatency(kv);
        for (Counter c : registry.find("voicegate.audiohook.auth.outcomes").tag("accepted", "false").counters()) {
            if (c.count() > 0) {
                kv.put("authRejected_" + c.getId().getTag("result"), c.count());
            }
        }
        return kv;
    }

    private void openLatency(KeyValues kv) {
        Timer t = registry.find("voicegate.audiohook.open.latency").timer();
        if (t == null) {
            return;
        }
        HistogramSnapshot s = t.takeSnapshot();
        kv.put("openCount", s.count());
        kv.put("openMaxMs", s.max(TimeUnit.MILLISECONDS));
        for (ValueAtPercentile p : s.percentileValues()) {
            kv.put("openP" + Math.round(p.percentile() * 100) + "Ms", p.value(TimeUnit.MILLISECONDS));
        }
    }

    private long threadCpu(String namePrefix) {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(namePrefix)) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private double gauge(String state) {
        Gauge g = registry.find("voicegate.audiohook.sessions").tag("state", state).gauge();
        return g == null ? -1 : g.value();
    }

    private double counter(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private double total(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /**
     * User and kernel CPU time of this process in clock ticks ({@code /proc/self/stat} fields 14 and 15),
     * to tell Java work from system-call and network-stack work; {@code -1}s when not on Linux.
     */
    static long[] userSysTicks() {
        try {
            return parseUserSys(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** Fields 14 and 15 of a {@code /proc/PID/stat} line (the command, field 2, may contain spaces). */
    static long[] parseUserSys(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;      // not Linux: the report says n/a
        }
        return -1;
    }
}
