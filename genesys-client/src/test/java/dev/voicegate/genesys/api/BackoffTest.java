package dev.voicegate.genesys.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private static Backoff withRandom(double r) {
        return new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), () -> r);
    }

    @Test
    void doublesPerAttemptUpToTheCapWithEqualJitter() {
        // random 0: half of each cap; random just below 1: (almost) all of it
        assertThat(withRandom(0).delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(withRandom(0).delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(withRandom(0).delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(withRandom(0).delay(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(withRandom(0).delay(5)).isEqualTo(Duration.ofSeconds(15));
        assertThat(withRandom(0).delay(60)).isEqualTo(Duration.ofSeconds(15));
        assertThat(withRandom(0.5).delay(3)).isEqualTo(Duration.ofSeconds(6));
        assertThat(withRandom(0.999_999).delay(60)).isBetween(Duration.ofMillis(29_999), Duration.ofSeconds(30));
    }

    @Test
    void aCapBelowTheInitialDelayCapsTheFirstRetryToo() {
        assertThat(new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(4), () -> 0).delay(1))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusesNonPositiveDelays() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
                .hasMessage("backoff: initial PT0S, max PT1S (expected: both > 0)");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(-1), () -> 0))
                .hasMessage("backoff: initial PT1S, max PT-1S (expected: both > 0)");
    }
}
