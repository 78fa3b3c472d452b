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
