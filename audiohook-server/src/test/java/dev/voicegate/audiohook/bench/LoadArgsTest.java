package dev.voicegate.audiohook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadArgsTest {

    @Test
    void scenarioDefaultsApplyAndOptionsOverrideThem() {
        LoadArgs a = LoadArgs.parse("stream", "--sessions", "250", "--server-xmx", "1g");

        assertThat(a.positive("sessions")).isEqualTo(250);
        assertThat(a.string("server-xmx")).isEqualTo("1g");
        assertThat(a.positive("duration")).isEqualTo(60);
        assertThat(LoadArgs.parse("open-rate").positive("rate")).isEqualTo(100);
        assertThat(LoadArgs.parse("paused").positive("settle")).isEqualTo(12);
    }

    @Test
    void unknownScenarioOrOptionIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> LoadArgs.parse()).hasMessageContaining("scenario: (none)");
        assertThatThrownBy(() -> LoadArgs.parse("soak")).hasMessageContaining("\"soak\"")
                .hasMessageContaining("[open-rate, stream, paused]");
        assertThatThrownBy(() -> LoadArgs.parse("open-rate", "--sessions", "5"))
                .hasMessageContaining("\"--sessions\"").hasMessageContaining("--rate");
    }

    @Test
    void missingValuesAndBadNumbersAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--sessions")).hasMessage("option --sessions: missing value");
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--sessions", "ten"))
                .hasMessage("--sessions: \"ten\" (expected: an integer >= 0)");
        assertThatThrownBy(() -> LoadArgs.parse("paused", "--sessions", "0")).hasMessage("--sessions: 0 (expected: > 0)");
        assertThatThrownBy(() -> LoadArgs.parse("stream", "--io-threads", "-1")).hasMessageContaining("--io-threads");
    }

    @Test
    void zeroIsAllowedWhereItMeansNone() {
        assertThat(LoadArgs.parse("open-rate", "--warmup", "0").number("warmup")).isZero();
        assertThat(LoadArgs.parse("stream", "--io-threads", "0").number("io-threads")).isZero();
    }
}
