package dev.voicegate.core.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {

    @Test
    void defaultsRunUntilStoppedWithTheFixedSeedOnOsChosenPorts() {
        DemoOptions o = DemoOptions.parse(new String[0]);

        assertThat(o.duration()).isEmpty();
        assertThat(o.seed()).isEqualTo(DemoOptions.DEFAULT_SEED);
        assertThat(o.port(0)).isZero();
        assertThat(o.port(2)).isZero();
    }

    @Test
    void parsesEveryOption() {
        DemoOptions o = DemoOptions.parse(new String[] {"--duration", "30s", "--seed", "7", "--port-base", "18000"});

        assertThat(o.duration()).contains(Duration.ofSeconds(30));
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.port(0)).isEqualTo(18000);
        assertThat(o.port(1)).isEqualTo(18001);
        assertThat(o.port(2)).isEqualTo(18002);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--duration ten       | --duration: 'ten' (expected: a duration such as 30s",
            "--duration 0s        | --duration: 0s (expected: > 0",
            "--duration -5s       | --duration: -5s (expected: > 0",
            "--seed x             | --seed: 'x' (expected: an integer)",
            "--port-base 80       | --port-base: 80 (expected: 0 or 1024..65533",
            "--port-base 65534    | --port-base: 65534 (expected: 0 or 1024..65533",
            "--port-base 99999999999 | --port-base: 2147483647 (expected: 0 or 1024..65533",
            "--colour red         | unknown option '--colour'",
            "--seed               | --seed: missing value",
    })
    void badOptionsAreRefusedWithTheOptionNamed(String args, String message) {
        assertThatThrownBy(() -> DemoOptions.parse(args.trim().split("\\s+")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message.trim());
    }
}
