package dev.voicegate.audiohook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    private final ConnectionLimits d = ConnectionLimits.defaults();

    @Test
    void defaultsAreValidAndTheLowWaterMarkIsHalfTheHighOne() {
        assertThat(d.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.writeBufferLowWaterMark()).isEqualTo(d.writeBufferHighWaterMark() / 2);
        assertThat(ServerLimits.defaults().connections()).isEqualTo(d);
    }

    @Test
    void invalidValuesNameTheirYamlKey() {
        assertThatThrownBy(() -> d.withHandshakeTimeout(Duration.ZERO))
                .hasMessage("audiohook.handshakeTimeout: 0s (expected: > 0)");
        assertThatThrownBy(() -> d.withMaxPendingConnectionsPerSource(0))
                .hasMessage("audiohook.maxPendingConnectionsPerSource: 0 (expected: > 0)");
        assertThatThrownBy(() -> d.withUpgradeRatePerSource(Double.NaN, 1))
                .hasMessage("audiohook.upgradesPerSecondPerSource: NaN (expected: > 0)");
        assertThatThrownBy(() -> d.withUpgradeRatePerSource(1, 0))
                .hasMessage("audiohook.upgradeBurstPerSource: 0 (expected: > 0)");
        assertThatThrownBy(() -> d.withBackpressure(100, Duration.ofSeconds(1)))
                .hasMessage("audiohook.writeBufferHighWaterMark: 100 (expected: 8192..67108864)");
        assertThatThrownBy(() -> d.withBackpressure(8192, Duration.ofSeconds(-1)))
                .hasMessage("audiohook.unwritableTimeout: -1s (expected: > 0)");
        assertThatThrownBy(() -> new ConnectionLimits(Duration.ofSeconds(1), 100, 1, 1, 1, 1, 8192, Duration.ofSeconds(1)))
                .hasMessage("audiohook.maxRequestHeaderBytes: 100 (expected: 1024..1048576)");
        assertThatThrownBy(() -> new ConnectionLimits(Duration.ofSeconds(1), 2048, 1, 1, 1, 0, 8192, Duration.ofSeconds(1)))
                .hasMessage("audiohook.maxTrackedSources: 0 (expected: > 0)");
    }

    @Test
    void handshakeTimeoutMustExceedTheAuthFailureDelay() {
        assertThatThrownBy(() -> ServerLimits.defaults().withConnections(d.withHandshakeTimeout(Duration.ofMillis(500))))
                .hasMessage("audiohook.handshakeTimeout: 500ms (expected: > audiohook.minAuthFailureDelay 500ms)");
    }
}
