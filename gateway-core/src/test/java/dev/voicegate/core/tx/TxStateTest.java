package dev.voicegate.core.tx;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TxStateTest {
    private static final Set<String> ALLOWED = Set.of(
            "REQUESTED>RESUMING", "REQUESTED>LISTENING", "REQUESTED>CANCELLED", "REQUESTED>FAILED",
            "RESUMING>LISTENING", "RESUMING>CANCELLED", "RESUMING>FAILED",
            "LISTENING>DECIDING", "LISTENING>CANCELLED", "LISTENING>FAILED",
            "DECIDING>COMPLETED", "DECIDING>FAILED");

    static Stream<Arguments> everyPair() {
        return Arrays.stream(TxState.values()).flatMap(a -> Arrays.stream(TxState.values()).map(b -> Arguments.of(a, b)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void followsTheTransitionTable(TxState from, TxState to) {
        if (ALLOWED.contains(from + ">" + to)) {
            assertThat(from.transitionTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("state: " + from + " -> " + to + " (expected: ");
        }
    }

    @org.junit.jupiter.api.Test
    void terminalStatesAreExactlyTheEndings() {
        for (TxState s : TxState.values()) {
            assertThat(s.terminal()).as(s.name()).isEqualTo(s == TxState.COMPLETED || s == TxState.FAILED || s == TxState.CANCELLED);
        }
    }
}
