package dev.voicegate.notifier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.voicegate.notifier.ServerState.NEW;
import static dev.voicegate.notifier.ServerState.RUNNING;
import static dev.voicegate.notifier.ServerState.STARTING;
import static dev.voicegate.notifier.ServerState.STOPPED;
import static dev.voicegate.notifier.ServerState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerStateTest {

    private static final Map<ServerState, Set<ServerState>> ALLOWED = Map.of(
            NEW, Set.of(STARTING, STOPPED),
            STARTING, Set.of(RUNNING, STOPPING),
            RUNNING, Set.of(STOPPING),
            STOPPING, Set.of(STOPPED),
            STOPPED, Set.of());

    static Stream<Arguments> everyPair() {
        return Arrays.stream(ServerState.values())
                .flatMap(from -> Arrays.stream(ServerState.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void transitionIsAllowedExactlyWhenTheTableSaysSo(ServerState from, ServerState to) {
        if (ALLOWED.get(from).contains(to)) {
            assertThat(from.transitionTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.transitionTo(to))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("state: " + from + " -> " + to + " (expected: ");
        }
    }

    @org.junit.jupiter.api.Test
    void refusalNamesTheExpectedStatesInOrder() {
        assertThatThrownBy(() -> NEW.transitionTo(RUNNING)).hasMessage("state: NEW -> RUNNING (expected: STARTING|STOPPED)");
        assertThatThrownBy(() -> STOPPED.transitionTo(NEW)).hasMessage("state: STOPPED -> NEW (expected: none, terminal)");
    }
}
