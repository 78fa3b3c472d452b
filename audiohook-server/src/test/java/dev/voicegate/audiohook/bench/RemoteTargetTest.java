package dev.voicegate.audiohook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RemoteTargetTest {

    private static final URI URL = URI.create("ws://127.0.0.1:1/api/v1/audiohook/ws");

    @Test
    void heapInUseIsTheSumOfTheUsedColumnsOfJstat() {
        String jstat = """
                 S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    CCSC   CCSU   YGC     YGCT    FGC    FGCT     CGC    CGCT     GCT
                 0.0   2048.0  0.0   1024.0  30720.0   4096.0   65536.0    20480.5  1234.0  1100.0  128.0   100.0      5    0.020     1    0.030     2    0.001    0.051
                """;
        assertThat(RemoteTarget.heapUsedBytes(jstat)).isEqualTo((1024.0 + 4096.0 + 20480.5) * 1024);
        assertThatThrownBy(() -> RemoteTarget.heapUsedBytes("A B\n1 2\n")).hasMessageContaining("no S0U column");
    }

    @Test
    void withAProcessIdItReadsThatProcessesCpuRssAndHeapAfterGc() throws Exception {
        RemoteTarget self = new RemoteTarget(URL, ProcessHandle.current().pid());   // this test JVM as "the server"
        KeyValues s = self.statsAfterGc();
        assertThat(s.get("rssKb")).isPositive();
        assertThat(s.get("cpuNanos")).isPositive();
        assertThat(s.get("heapUsed")).isPositive();
        assertThat(s.has("sessions")).isFalse();
    }

    @Test
    void withoutAProcessIdItKnowsNothingOfTheServer() throws Exception {
        assertThat(new RemoteTarget(URL, 0).statsAfterGc().has("rssKb")).isFalse();
        assertThatThrownBy(() -> new RemoteTarget(URL, Long.MAX_VALUE))
                .hasMessage("--server-pid: " + Long.MAX_VALUE + " (expected: a running process on this machine)");
    }
}
