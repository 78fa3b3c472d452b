package dev.voicegate.core.soak;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The soak's pass/fail rule: what {@link SoakIT} relies on to fail. */
class SoakReportTest {
    private static final Probe.Snapshot BASE = new Probe.Snapshot(300_000, 30L << 20, 60, 160);

    private static Soak.Report report(Probe.Snapshot end, List<String> leaks, List<String> problems) {
        return new Soak.Report(BASE, BASE, end, leaks, Map.of(), problems, Duration.ofSeconds(60));
    }

    @Test
    void growthWithinTheBoundsPasses() {
        Probe.Snapshot end = new Probe.Snapshot(900_000, (30L << 20) + (64L << 20), 80, 210);
        assertThat(report(end, List.of(), List.of()).failures(Soak.Limits.DEFAULT)).isEmpty();
    }

    @Test
    void eachBoundAndEveryLeakReportFails() {
        Probe.Snapshot end = new Probe.Snapshot(300_000, (30L << 20) + (65L << 20), 81, 211);
        List<String> failures = report(end, List.of("LEAK: ByteBuf.release() was not called"), List.of("run: clients still open"))
                .failures(Soak.Limits.DEFAULT);
        assertThat(failures).hasSize(5);
        assertThat(failures).anyMatch(f -> f.startsWith("threads grew 60 -> 81 (bound +20)"))
                .anyMatch(f -> f.startsWith("file descriptors grew 160 -> 211 (bound +50)"))
                .anyMatch(f -> f.startsWith("heap after GC grew 30.0 -> 95.0 MiB (bound +64.0 MiB)"))
                .anyMatch(f -> f.startsWith("1 Netty leak report(s):"))
                .anyMatch(f -> f.equals("run: clients still open"));
    }

    @Test
    void theProbeReadsThisProcess() {
        Probe.Snapshot now = Probe.take();
        assertThat(now.rssKib()).isPositive();
        assertThat(now.fds()).isPositive();
        assertThat(now.threads()).isPositive();
        assertThat(now.heapAfterGcBytes()).isPositive();
    }
}
