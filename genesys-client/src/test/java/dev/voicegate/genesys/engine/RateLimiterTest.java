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
        assertThat(limiter.tryAcquire(0)).isZero();
        assertThat(limiter.tryAcquire(0)).isZero();
        assertThat(Duration.ofNanos(limiter.tryAcquire(0))).isEqualTo(Duration.ofMillis(250));
        assertThat(Duration.ofNanos(limiter.tryAcquire(0))).as("a refusal takes no permit")
                .isEqualTo(Duration.ofMillis(250));
        clock.advance(Duration.ofMillis(250));
        assertThat(limiter.tryAcquire(0)).isZero();
        assertThat(Duration.ofNanos(limiter.tryAcquire(0))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void oneMinuteNeverAdmitsMoreThanTheLimitPlusCapacity() {
        RateLimiter limiter = new RateLimiter(240, 20, clock.ticker());
        int admitted = 0;
        for (int step = 0; step < 600; step++) { // one minute in 100 ms steps, asking 5 times per step
            for (int i = 0; i < 5; i++) {
                if (limiter.tryAcquire(0) == 0) {
                    admitted++;
                }
            }
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(admitted).isLessThanOrEqualTo(240 + 20).isGreaterThanOrEqualTo(240);
    }

    @Test
    void keptPermitsStayForTheCallerThatDoesNotKeepAny() {
        RateLimiter limiter = new RateLimiter(240, 4, clock.ticker());
        assertThat(limiter.tryAcquire(2)).isZero();
        assertThat(limiter.tryAcquire(2)).isZero();
        assertThat(Duration.ofNanos(limiter.tryAcquire(2))).isEqualTo(Duration.ofMillis(250));
        assertThat(limiter.tryAcquire(0)).isZero();
        assertThat(limiter.tryAcquire(0)).isZero();
        assertThat(Duration.ofNanos(limiter.tryAcquire(0))).isEqualTo(Duration.ofMillis(250));
        assertThat(Duration.ofNanos(limiter.tryAcquire(2))).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void pauseHoldsEveryRequest() {
        RateLimiter limiter = new RateLimiter(240, 20, clock.ticker());
        limiter.pauseFor(Duration.ofSeconds(3).toNanos());
        assertThat(Duration.ofNanos(limiter.tryAcquire(0))).isEqualTo(Duration.ofSeconds(3));
        assertThat(Duration.ofNanos(limiter.tryAcquire(5))).isEqualTo(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(3));
        assertThat(limiter.tryAcquire(0)).isZero();
    }
}
