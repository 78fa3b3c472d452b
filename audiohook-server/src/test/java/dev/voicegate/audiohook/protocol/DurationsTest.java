package dev.voicegate.audiohook.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"PT0S,0", "PT1.5S,1500000000", "PT.5S,500000000", "PT10S,10000000000", "PT0.004217S,4217000",
            "PT0.0000000019S,1"})
    void parsesValidDurations(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1.S", "PT1M", "PT1H2S", "P1D", "PT-1S", "1S", "PTS", "pt1s", ""})
    void rejectsInvalidDurations(String text) {
        assertThat(Durations.isValid(text)).isFalse();
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: PT<seconds>S");
    }

    @ParameterizedTest
    @CsvSource({"0,PT0S", "200000000,PT0.2S", "8000000000,PT8S", "1500000000,PT1.5S", "4217000,PT0.004217S"})
    void formatsLikeTheReference(long nanos, String expected) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"PT0.2S,1600", "PT1S,8000", "PT0S,0"})
    void convertsToSamplesAt8kHz(String text, long samples) {
        assertThat(Durations.toSamples(Durations.parse(text))).isEqualTo(samples);
        assertThat(Durations.ofSamples(samples)).isEqualTo(Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT99999999999999999999S", "PT9223372037S", "PT9223372036.9S"})
    void valuesBeyondLongNanosecondsAreRejectedNotOverflowed(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: at most 9223372036 seconds");
    }

    @org.junit.jupiter.api.Test
    void overlongTextIsRejectedWithoutParsingIt() {
        String text = "PT" + "0".repeat(100) + "1S";
        assertThat(Durations.isValid(text)).isFalse();
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration: 104 characters (expected: PT<seconds>S, at most 64 characters)");
    }

    @org.junit.jupiter.api.Test
    void largestRepresentableValueParses() {
        assertThat(Durations.parse("PT9223372036.854775807S")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }
}
