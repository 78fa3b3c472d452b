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
        assertThat(ServerLimits.defaults().maxSessions()).isEqualTo(20_000);
        assertThat(SessionConfig.defaults().l16ByteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void limitsNameTheKeyTheValueAndTheExpectation() {
        assertThatThrownBy(() -> ServerLimits.defaults().withMaxSessions(0))
                .hasMessage("audiohook.limits.maxSessions: 0 (expected: > 0)");
        assertThatThrownBy(() -> ServerLimits.defaults().withOpenRate(-1, 1))
                .hasMessage("audiohook.limits.opensPerSecondPerOrg: -1.0 (expected: > 0)");
        assertThatThrownBy(() -> ServerLimits.defaults().withMaxBinaryFrameBytes(100))
                .hasMessage("audiohook.limits.maxBinaryFrameBytes: 100 (expected: 1600..1048576)");
        assertThatThrownBy(() -> ServerLimits.defaults().withIdleTimeout(Duration.ofSeconds(-1)))
                .hasMessage("audiohook.limits.idleTimeout: PT-1S (expected: > 0)");
    }

    @Test
    void decisionDeadlineMustLeaveTimeBeforeGenesysGivesUp() {
        assertThatThrownBy(() -> SessionConfig.defaults().withDecisionDeadline(Duration.ZERO))
                .hasMessageStartingWith("audiohook.decisionDeadline: PT0S (expected: > 0");
        assertThatThrownBy(() -> SessionConfig.defaults().withDecisionDeadline(Duration.ofSeconds(5)))
                .hasMessageContaining("<= PT4S");
    }

    @Test
    void serverConfigChecksPortPathAndShutdownBounds() {
        assertThatThrownBy(() -> new AudioHookServerConfig("0.0.0.0", 70_000, "/ws", auth, AuthMode.REQUEST,
                ServerLimits.defaults(), SessionConfig.defaults(), Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("audiohook.port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> new AudioHookServerConfig("0.0.0.0", 0, "ws", auth, AuthMode.REQUEST,
                ServerLimits.defaults(), SessionConfig.defaults(), Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageStartingWith("audiohook.path: ws (expected: an absolute path");
        assertThatThrownBy(() -> new AudioHookServerConfig("0.0.0.0", 0, "/ws", auth, AuthMode.REQUEST,
                ServerLimits.defaults(), SessionConfig.defaults(), Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .hasMessage("audiohook.closeTimeout: PT10S (expected: > drainPeriod PT10S)");
    }
}
