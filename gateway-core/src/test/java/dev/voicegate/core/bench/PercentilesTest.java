package dev.voicegate.core.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i;
        }
        Percentiles p = new Percentiles(samples, 100);
        assertThat(p.at(0.5)).isEqualTo(50);
        assertThat(p.at(0.99)).isEqualTo(99);
        assertThat(p.at(1.0)).isEqualTo(100);
        assertThat(p.at(0.0)).isEqualTo(1);
    }

    @Test
    void usesOnlyTheFirstCountSamples() {
        Percentiles p = new Percentiles(new long[] {5, 7, 1_000_000}, 2);
        assertThat(p.at(1.0)).isEqualTo(7);
        assertThat(p.summaryMillis()).startsWith("n=2 p50=0.000 ms");
    }

    @Test
    void refusesAnEmptySample() {
        assertThatThrownBy(() -> new Percentiles(new long[4], 0)).hasMessage("count: 0 (expected: > 0)");
    }
}
