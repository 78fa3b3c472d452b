package dev.voicegate.audiohook.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.audiohook.api.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionStateTest {

    static Stream<Arguments> allPairs() {
        List<Arguments> out = new ArrayList<>();
        for (SessionState from : SessionState.values()) {
            for (SessionState to : SessionState.values()) {
                out.add(Arguments.of(from, to));
            }
        }
        return out.stream();
    }

    /**
     * The transitions of docs/audiohook-protocol (server side), written out independently of the
     * production table: row = from, column = to, {@code x} = legal. Columns in declaration order:
     * PREPARING OPENING ACTIVE PAUSED CLOSING CLOSED SIGNALED_ERROR UNAUTHORIZED DISCONNECTED.
     */
    private static final String EXPECTED = """
            PREPARING      . x . . x . x x x
            OPENING        . . x . x . x x x
            ACTIVE         . . . x x . x x x
            PAUSED         . . x . x . x x x
            CLOSING        . . . . . x . . x
            CLOSED         . . . . . . . . x
            SIGNALED_ERROR . . . . x . . . x
            UNAUTHORIZED   . . . . x . . . x
            DISCONNECTED   . . . . . . . . .
            """;

    private static boolean expected(SessionState from, SessionState to) {
        for (String row : EXPECTED.strip().split("\n")) {
            String[] cells = row.trim().split("\\s+");
            if (cells[0].equals(from.name())) {
                return cells[1 + to.ordinal()].equals("x");
            }
        }
        throw new AssertionError("no row for " + from);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allPairs")
    void theTableIsTheProtocols(SessionState from, SessionState to) {
        assertThat(from.canTransitionTo(to)).as("%s -> %s", from, to).isEqualTo(expected(from, to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allPairs")
    void transitionToFollowsTheTable(SessionState from, SessionState to) {
        if (from.canTransitionTo(to)) {
            assertThat(from.transitionTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("state: " + from + " -> " + to + " (expected: ");
        }
    }

    @Test
    void errorMessageListsTheLegalSuccessors() {
        assertThatThrownBy(() -> SessionState.CLOSING.transitionTo(SessionState.ACTIVE))
                .hasMessage("state: CLOSING -> ACTIVE (expected: CLOSED|DISCONNECTED)");
        assertThatThrownBy(() -> SessionState.DISCONNECTED.transitionTo(SessionState.CLOSED))
                .hasMessage("state: DISCONNECTED -> CLOSED (expected: none)");
    }

    @Test
    void everyStateCanLoseItsConnectionExceptTheTerminalOne() {
        for (SessionState s : SessionState.values()) {
            assertThat(s.canTransitionTo(SessionState.DISCONNECTED)).isEqualTo(s != SessionState.DISCONNECTED);
        }
    }
}
