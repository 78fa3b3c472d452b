package dev.voicegate.notifier.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotifierConfigTest {

    private final NotifierLimits d = NotifierLimits.defaults();

    @Test
    void defaultsAreValidAndEmbeddableInGenesys() {
        NotifierConfig c = NotifierConfig.defaults();
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.frameAncestors()).contains("https://*.mypurecloud.com").contains("https://*.pure.cloud");
    }

    @Test
    void invalidAddressIsRefusedWithKeyValueAndExpectation() {
        assertThatThrownBy(() -> new NotifierConfig("", 80, d, "'self'")).hasMessage("agent.host: '' (expected: non-blank address)");
        assertThatThrownBy(() -> new NotifierConfig("::", 70000, d, "'self'")).hasMessage("agent.port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> new NotifierConfig("::", -1, d, "'self'")).hasMessage("agent.port: -1 (expected: 0..65535)");
        assertThatThrownBy(() -> new NotifierConfig("::", 0, d, "'self'; script-src *"))
                .hasMessage("agent.frameAncestors: ''self'; script-src *' (expected: a CSP source list without ';' or line breaks)");
        assertThatThrownBy(() -> new NotifierConfig("::", 0, null, "'self'")).hasMessage("agent.limits");
    }

    @Test
    void invalidLimitsAreRefusedWithKeyValueAndExpectation() {
        assertThatThrownBy(() -> d.withSendQueueCapacity(0)).hasMessage("agent.limits.sendQueueCapacity: 0 (expected: > 0)");
        assertThatThrownBy(() -> d.withMaxClients(-3)).hasMessage("agent.limits.maxClients: -3 (expected: > 0)");
        assertThatThrownBy(() -> d.withSlowClientDeadline(Duration.ofSeconds(-1)))
                .hasMessage("agent.limits.slowClientDeadline: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> new NotifierLimits(1, 1, Duration.ofSeconds(1), 100, 1024, 1, Duration.ofHours(1), 1, Duration.ofSeconds(90), Duration.ofSeconds(15)))
                .hasMessage("agent.limits.writeBufferHighWaterMark: 100 (expected: >= 1024)");
        assertThatThrownBy(() -> new NotifierLimits(1, 1, Duration.ofSeconds(1), 2048, 10, 1, Duration.ofHours(1), 1, Duration.ofSeconds(90), Duration.ofSeconds(15)))
                .hasMessage("agent.limits.maxFramePayloadBytes: 10 (expected: 256..1048576)");
        assertThatThrownBy(() -> new NotifierLimits(1, 1, Duration.ofSeconds(1), 2048, 1024, 1, Duration.ZERO, 1, Duration.ofSeconds(90), Duration.ofSeconds(15)))
                .hasMessage("agent.limits.conversationIdleTtl: PT0S (expected: > 0)");
        assertThatThrownBy(() -> d.withClientIdleTimeout(null)).hasMessage("agent.limits.clientIdleTimeout: null (expected: > 0)");
        assertThatThrownBy(() -> new NotifierLimits(1, 1, Duration.ofSeconds(1), 2048, 1024, 1, Duration.ofHours(1), 1,
                Duration.ofSeconds(90), Duration.ofMillis(-5))).hasMessage("agent.limits.commandTimeout: PT-0.005S (expected: > 0)");
    }

    @Test
    void maxTokenLifetimeDefaultsToTwelveHoursAndIsBounded() {
        assertThat(d.maxTokenLifetime()).isEqualTo(Duration.ofHours(12)).isEqualTo(NotifierLimits.DEFAULT_MAX_TOKEN_LIFETIME);
        assertThat(d.withMaxTokenLifetime(Duration.ofHours(1)).maxTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(d.withSendQueueCapacity(3).maxTokenLifetime()).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> d.withMaxTokenLifetime(Duration.ZERO))
                .hasMessage("agent.limits.maxTokenLifetime: PT0S (expected: PT1S..PT168H)");
        assertThatThrownBy(() -> d.withMaxTokenLifetime(Duration.ofDays(30)))
                .hasMessage("agent.limits.maxTokenLifetime: PT720H (expected: PT1S..PT168H)");
        assertThatThrownBy(() -> d.withMaxTokenLifetime(null))
                .hasMessage("agent.limits.maxTokenLifetime: null (expected: PT1S..PT168H)");
    }

    @Test
    void handshakeLimitsAreValidatedWithTheirKeys() {
        assertThat(NotifierConfig.defaults().handshake()).isEqualTo(HandshakeLimits.defaults());
        assertThat(HandshakeLimits.defaults().handshakeTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThatThrownBy(() -> new HandshakeLimits(java.time.Duration.ofMillis(99), 1))
                .hasMessage("agent.handshakeTimeout: 99ms (expected: 100ms..5m)");
        assertThatThrownBy(() -> new HandshakeLimits(java.time.Duration.ofMinutes(6), 1))
                .hasMessage("agent.handshakeTimeout: 360000ms (expected: 100ms..5m)");
        assertThatThrownBy(() -> new HandshakeLimits(null, 1))
                .hasMessage("agent.handshakeTimeout: null (expected: 100ms..5m)");
        assertThatThrownBy(() -> new HandshakeLimits(java.time.Duration.ofSeconds(1), 0))
                .hasMessage("agent.maxPendingConnectionsPerSource: 0 (expected: > 0)");
        assertThatThrownBy(() -> NotifierConfig.defaults().withHandshake(null)).hasMessage("agent.handshake");
    }
}
