package dev.voicegate.genesys.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.voicegate.genesys.engine.ChannelState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelStateTest {

    /** The intended lifecycle, written out independently of the enum's table. */
    private static final Map<ChannelState, Set<ChannelState>> EXPECTED = Map.of(
            NEW, EnumSet.of(CREATING, CLOSED),
            CREATING, EnumSet.of(SUBSCRIBING, CLOSED),
            SUBSCRIBING, EnumSet.of(CONNECTING, CLOSED),
            CONNECTING, EnumSet.of(ACTIVE, CLOSED),
            ACTIVE, EnumSet.of(RECONNECTING, CLOSED),
            RECONNECTING, EnumSet.of(ACTIVE, CLOSED),
            CLOSED, EnumSet.noneOf(ChannelState.class));

    static Stream<Arguments> everyPair() {
        return Arrays.stream(values()).flatMap(from -> Arrays.stream(values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void everyTransitionIsAllowedOnlyIfInTheLifecycle(ChannelState from, ChannelState to) {
        AtomicReference<ChannelState> ref = new AtomicReference<>(from);
        if (from == CLOSED) {
            assertThat(ChannelState.transition(ref, to)).isFalse(); // terminal absorbs
            assertThat(ref.get()).isEqualTo(CLOSED);
        } else if (EXPECTED.get(from).contains(to)) {
            assertThat(ChannelState.transition(ref, to)).isTrue();
            assertThat(ref.get()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> ChannelState.transition(ref, to)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("state: " + from + " -> " + to + " (expected: ");
            assertThat(ref.get()).isEqualTo(from);
        }
    }

    @org.junit.jupiter.api.Test
    void illegalTransitionMessageListsTheAllowedStates() {
        assertThatThrownBy(() -> ChannelState.transition(new AtomicReference<>(ACTIVE), CREATING))
                .hasMessage("state: ACTIVE -> CREATING (expected: RECONNECTING|CLOSED)");
    }
}
