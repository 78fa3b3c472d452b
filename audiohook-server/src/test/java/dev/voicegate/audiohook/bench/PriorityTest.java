package dev.voicegate.audiohook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PriorityTest {

    @Test
    void readsTheNiceValueOfAnAutogroupLine() {
        assertThat(Priority.parseNice("/autogroup-22 nice 0\n")).isZero();
        assertThat(Priority.parseNice("/autogroup-35 nice -10")).isEqualTo(-10);
    }

    @Test
    void rejectsOtherLines() {
        assertThatThrownBy(() -> Priority.parseNice("garbage")).hasMessageContaining("\"garbage\"");
    }
}
