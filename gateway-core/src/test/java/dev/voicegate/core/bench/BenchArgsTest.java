package dev.voicegate.core.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchArgsTest {

    @Test
    void readsNamedValuesAndBareFlags() {
        assertThat(BenchArgs.parse(new String[] {"--pending", "10000", "--log", "--seconds", "60"}))
                .containsEntry("pending", "10000").containsEntry("log", "true").containsEntry("seconds", "60").hasSize(3);
    }

    @Test
    void refusesAValueWithoutAName() {
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--n", "5", "extra", "7"}))
                .hasMessage("argument 3: 'extra' (expected: --name [value])");
    }
}
