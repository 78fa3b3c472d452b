package dev.voicegate.core.gating;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelatorMetricsTest {

    @Test
    void aSessionRegisteredWhileTheEventWasBeingHandledWaitedZeroNotANegativeTime() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CorrelatorMetrics metrics = new CorrelatorMetrics(registry, Clock.systemUTC());

        metrics.matched(CorrelatorMetrics.Path.OPEN_FIRST, Duration.ofNanos(-1703));
        metrics.matched(CorrelatorMetrics.Path.OPEN_FIRST, Duration.ofMillis(40));

        Timer latency = registry.get("voicegate.gating.match.latency").timer();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
        assertThat(registry.get("voicegate.gating.matched").tag("path", "open_first").counter().count()).isEqualTo(2.0);
    }
}
