package dev.voicegate.audiohook.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientStateTest {

    static Stream<Arguments> allPairs() {
        List<Arguments> out = new ArrayList<>();
        for (ClientState from : ClientState.values()) {
            for (ClientState to : ClientState.values()) {
                out.add(Arguments.of(from, to));
            }
        }
        return out.stream();
    }

    /**
     * The client's transitions written out independently: row = from, column = to ({@code x} = legal),
     * columns CONNECTING OPENING OPEN PAUSED CLOSING CLOSED. {@code opened} may start the stream paused
     * (OPENING -> PAUSED); the connection can drop from every live state (-> CLOSED).
     */
    private static final String EXPECTED = """
            CONNECTING . x . . . x
            OPENING    . . x x x x
            OPEN       . . . x x x
            PAUSED     . . x . x x
            CLOSING    . . . . . x
            CLOSED     . . . . . .
            """;

    private static boolean expected(ClientState from, ClientState to) {
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
    void theTableIsTheProtocols(ClientState from, ClientState to) {
        assertThat(from.canTransitionTo(to)).as("%s -> %s", from, to).isEqualTo(expected(from, to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allPairs")
    void transitionToFollowsTheTable(ClientState from, ClientState to) {
        if (from.canTransitionTo(to)) {
            assertThat(from.transitionTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.transitionTo(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("state: " + from + " -> " + to + " (expected: ");
        }
    }

    @Test
    void closingCanOnlyEndAndEveryLiveStateCanLoseTheConnection() {
        assertThatThrownBy(() -> ClientState.CLOSING.transitionTo(ClientState.OPEN))
                .hasMessage("state: CLOSING -> OPEN (expected: CLOSED)");
        for (ClientState s : ClientState.values()) {
            assertThat(s.canTransitionTo(ClientState.CLOSED)).isEqualTo(s != ClientState.CLOSED);
        }
    }
}
