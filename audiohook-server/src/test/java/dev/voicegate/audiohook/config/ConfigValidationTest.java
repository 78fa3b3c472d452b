package dev.voicegate.audiohook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.audiohook.auth.AuthConfig;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

    private final AuthConfig auth = AuthConfig.of(List.of(new dev.voicegate.audiohook.auth.ApiKeyConfig("k", "")));

    @Test
    void defaultsAreValid() {
        assertThat(ServerLimits.defaults().maxSessions()).isEqualTo(10_000);
        assertThat(ServerLimits.defaults().openBurstPerOrg()).isEqualTo(100);
        assertThat(ServerLimits.defaults().withOpenRate(0.1).openBurstPerOrg()).isEqualTo(1);
        assertThat(ServerLimits.defaults().withOpenRate(7).openBurstPerOrg()).isEqualTo(14);
        assertThat(SessionConfig.defaults().l16ByteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void limitsNameTheKeyTheValueAndTheExpectation() {
        assertThatThrownBy(() -> ServerLimits.defaults().withMaxSessions(0))
                .hasMessage("audiohook.maxSessions: 0 (expected: > 0)");
        assertThatThrownBy(() -> ServerLimits.defaults().withOpenRate(-1, 1))
                .hasMessage("audiohook.maxOpensPerSecondPerOrg: -1.0 (expected: > 0)");
        assertThatThrownBy(() -> ServerLimits.defaults().withMaxBinaryFrameBytes(100))
                .hasMessageStartingWith("audiohook.maxBinaryFrameBytes: 100 (expected: 1600..1048576");
        assertThatThrownBy(() -> ServerLimits.defaults().withIdleTimeout(Duration.ofSeconds(-1)))
                .hasMessage("audiohook.idleTimeout: -1s (expected: > 0)");
    }

    @Test
    void decisionDeadlineMustLeaveTimeBeforeGenesysGivesUp() {
        assertThatThrownBy(() -> SessionConfig.defaults().withDecisionDeadline(Duration.ZERO))
                .hasMessageStartingWith("audiohook.decisionDeadline: 0s (expected: > 0");
        assertThatThrownBy(() -> SessionConfig.defaults().withDecisionDeadline(Duration.ofSeconds(5)))
                .hasMessageContaining("<= 4s");
    }

    @Test
    void serverConfigChecksPortPathAndShutdownBounds() {
        assertThatThrownBy(() -> new AudioHookServerConfig("0.0.0.0", 70_000, "/ws", auth, AuthMode.REQUEST,
                ServerLimits.defaults(), SessionConfig.defaults(), Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("audiohook.port: 70000 (expected: 0..65535, 0 = chosen by the OS)");
        assertThatThrownBy(() -> new AudioHookServerConfig("0.0.0.0", 0, "ws", auth, AuthMode.REQUEST,
                ServerLimits.defaults(), SessionConfig.defaults(), Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageStartingWith("audiohook.path: ws (expected: an absolute path");
        assertThatThrownBy(() -> new AudioHookServerConfig("0.0.0.0", 0, "/ws", auth, AuthMode.REQUEST,
                ServerLimits.defaults(), SessionConfig.defaults(), Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .hasMessage("audiohook.closeTimeout: 10s (expected: > audiohook.drainPeriod 10s, or unset to derive it)");
    }

    @Test
    void closeTimeoutIsDerivedFromTheDrainPeriodUnlessSet() {
        AudioHookServerConfig d = AudioHookServerConfig.defaults(auth);
        assertThat(d.drainPeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.closeTimeout()).isEqualTo(Duration.ofSeconds(35));
        assertThat(d.withDrainPeriod(Duration.ofMinutes(2)).closeTimeout()).isEqualTo(Duration.ofSeconds(125));
        assertThat(d.withDrainPeriod(Duration.ZERO).closeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.withCloseTimeout(Duration.ofMinutes(1)).closeTimeout()).isEqualTo(Duration.ofMinutes(1));
    }
}
