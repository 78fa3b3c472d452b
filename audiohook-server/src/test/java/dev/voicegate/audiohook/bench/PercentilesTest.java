package dev.voicegate.audiohook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundredIsTheRankItself() {
        Percentiles p = new Percentiles(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(99.5)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void smallSetsRoundTheRankUp() {
        Percentiles p = new Percentiles(new long[] {30, 10, 20});

        assertThat(p.at(50)).isEqualTo(20);
        assertThat(p.at(99)).isEqualTo(30);
        assertThat(p.at(1)).isEqualTo(10);
    }

    @Test
    void doesNotSortTheCallersArray() {
        long[] samples = {3, 1, 2};
        new Percentiles(samples);

        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void printsMillisecondsOrNotApplicable() {
        assertThat(new Percentiles(new long[] {1_500_000, 2_000_000}).millis())
                .isEqualTo("p50 1.50 ms, p99 2.00 ms, max 2.00 ms (n=2)");
        assertThat(new Percentiles(new long[0]).millis()).isEqualTo("n/a (no samples)");
    }

    @Test
    void rejectsPercentilesOutsideTheRangeAndEmptySets() {
        Percentiles p = new Percentiles(new long[] {1});

        assertThatThrownBy(() -> p.at(0)).hasMessage("percentile: 0.0 (expected: > 0 and <= 100)");
        assertThatThrownBy(() -> p.at(100.1)).hasMessageContaining("100.1");
        assertThatThrownBy(() -> new Percentiles(new long[0]).at(50)).isInstanceOf(IllegalStateException.class);
    }
}
