package dev.voicegate.core.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Process-level resource figures of this JVM (Linux {@code /proc}); a measurement, not synchronisation. */
final class Probe {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Probe() {
    }

    /** One reading: resident set (KiB), heap used after full GCs (bytes), live threads, open file descriptors. */
    record Snapshot(long rssKib, long heapAfterGcBytes, int threads, long fds) {
        String line() {
            return String.format("RSS %,d KiB, heap after GC %,.1f MiB, %d threads, %d fds",
                    rssKib, heapAfterGcBytes / 1048576.0, threads, fds);
        }
    }

    static Snapshot take() {
        long heap = heapAfterGc();
        return new Snapshot(rssKib(), heap, ManagementFactory.getThreadMXBean().getThreadCount(), fds());
    }

    /** The lowest heap use seen over a few full collections (they settle after 2-3 with G1). */
    static long heapAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            best = Math.min(best, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** {@code VmRSS} of {@code /proc/self/status} in KiB, -1 where there is no /proc. */
    static long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Entries of {@code /proc/self/fd}, -1 where there is no /proc. */
    static long fds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
