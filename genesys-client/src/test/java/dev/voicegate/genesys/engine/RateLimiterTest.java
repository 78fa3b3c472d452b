package dev.voicegate.genesys.engine;

import dev.voicegate.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final ManualClock clock = new ManualClock(Instant.EPOCH);

    @Test
    void burstPassesThenRequestsAreSpacedToTheRate() {
        RateLimiter limiter = new RateLimiter(240, 2, clock.ticker()); // 4 per second
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isZero();
        assertThat(Duration.ofNanos(limiter.reserve())).isEqualTo(Duration.ofMillis(250));
        assertThat(Duration.ofNanos(limiter.reserve())).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void oneMinuteNeverAdmitsMoreThanTheLimitPlusBurst() {
        RateLimiter limiter = new RateLimiter(240, 20, clock.ticker());
        int admittedWithinAMinute = 0;
        for (int i = 0; i < 1000; i++) {
            if (limiter.reserve() < Duration.ofMinutes(1).toNanos()) {
                admittedWithinAMinute++;
            }
        }
        assertThat(admittedWithinAMinute).isLessThanOrEqualTo(240 + 20);
    }

    @Test
    void pauseHoldsEveryRequest() {
        RateLimiter limiter = new RateLimiter(240, 20, clock.ticker());
        limiter.pauseFor(Duration.ofSeconds(3).toNanos());
        assertThat(Duration.ofNanos(limiter.reserve())).isEqualTo(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(3));
        assertThat(limiter.reserve()).isZero();
    }
}
