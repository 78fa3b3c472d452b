package dev.voicegate.biometrics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnalysisStateTest {

    private static final Set<String> ALLOWED = Set.of("ACTIVE->FINISHED", "ACTIVE->CLOSED", "FINISHED->CLOSED",
            "CLOSED->CLOSED");

    static List<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (AnalysisState from : AnalysisState.values()) {
            for (AnalysisState to : AnalysisState.values()) {
                out.add(Arguments.of(from, to));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void everyTransitionFollowsTheTable(AnalysisState from, AnalysisState to) {
        if (ALLOWED.contains(from + "->" + to)) {
            assertThat(from.transitionTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("state: " + from + " -> " + to + " (expected: ");
        }
    }
}
