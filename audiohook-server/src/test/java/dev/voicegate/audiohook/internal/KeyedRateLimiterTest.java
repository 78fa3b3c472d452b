package dev.voicegate.audiohook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.testing.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void allowsTheBurstThenTellsHowLongToWait() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(2, 3, 10, clock.ticker());
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isEqualTo(500_000_000L);
        assertThat(limiter.tryAcquire("b")).as("other organisations are independent").isZero();
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isPositive();
    }

    @Test
    void tracksAtMostTheConfiguredNumberOfOrganizations() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(1, 1, 2, clock.ticker());
        limiter.tryAcquire("a");
        limiter.tryAcquire("b");
        limiter.tryAcquire("c");
        assertThat(limiter.trackedKeys()).isEqualTo(2);
        assertThat(limiter.evictions()).isEqualTo(1);
    }
}
