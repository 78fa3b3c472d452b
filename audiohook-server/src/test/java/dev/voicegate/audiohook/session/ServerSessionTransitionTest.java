package dev.voicegate.audiohook.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.voicegate.audiohook.api.CloseReason;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.EventEntity;
import dev.voicegate.audiohook.api.SessionState;
import dev.voicegate.audiohook.protocol.ClientParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every (state, event) pair of the server session: the resulting state and exactly the
 * messages sent. CLOSING is only observable from inside onClose (it is left synchronously), so its
 * events are applied there, as an application would.
 */
class ServerSessionTransitionTest {

    enum Event {
        OPEN(h -> h.open()),
        CLOSE(h -> h.close()),
        PING(h -> h.send(new ClientParameters.Ping(Duration.ofMillis(3)))),
        PAUSED(h -> h.send(new ClientParameters.Paused())),
        RESUMED(h -> h.send(new ClientParameters.Resumed(Duration.ZERO, Duration.ZERO))),
        UPDATE(h -> h.send(new ClientParameters.Update("fr-FR"))),
        DISCARDED(h -> h.send(new ClientParameters.Discarded(Duration.ZERO, Duration.ofSeconds(1)))),
        ERROR(h -> h.send(new ClientParameters.Error(409, "conflict", null))),
        AUDIO(h -> h.audio(3200)),
        PAUSE(h -> h.session.pause()),
        RESUME(h -> h.session.resume()),
        DISCONNECT(h -> h.session.disconnect(DisconnectReason.COMPLETED, "done")),
        SEND_EVENT(h -> h.session.sendEvent(List.of(new EventEntity("x", JsonNodeFactory.instance.objectNode())))),
        CONNECTION_LOST(h -> h.session.onConnectionClosed(CloseReason.Kind.CONNECTION_LOST, "gone"));

        final Consumer<SessionHarness> apply;

        Event(Consumer<SessionHarness> apply) {
            this.apply = apply;
        }
    }

    // state | OPEN | CLOSE | PING | PAUSED | RESUMED | UPDATE | DISCARDED | ERROR | AUDIO | PAUSE | RESUME | DISCONNECT | SEND_EVENT | CONNECTION_LOST
    // cell = resulting state, then ":" and the message types sent ("-" = none); asking for the state the
    // stream is already in (RESUME while ACTIVE, PAUSE while PAUSED, nothing in flight) sends nothing
    private static final String[] TABLE = {
        "PREPARING      ACTIVE:opened CLOSED:closed PREPARING:pong PREPARING:- PREPARING:- PREPARING:- PREPARING:- PREPARING:- SIGNALED_ERROR:disconnect PREPARING:- PREPARING:- PREPARING:disconnect PREPARING:- DISCONNECTED:-",
        "OPENING        OPENING:- CLOSED:closed OPENING:pong OPENING:- OPENING:- OPENING:- OPENING:- OPENING:- SIGNALED_ERROR:disconnect OPENING:- OPENING:- OPENING:disconnect OPENING:- DISCONNECTED:-",
        "ACTIVE         ACTIVE:- CLOSED:closed ACTIVE:pong PAUSED:- ACTIVE:- ACTIVE:- ACTIVE:- ACTIVE:- ACTIVE:- ACTIVE:pause ACTIVE:- ACTIVE:disconnect ACTIVE:event DISCONNECTED:-",
        "PAUSED         PAUSED:- CLOSED:closed PAUSED:pong PAUSED:- ACTIVE:- PAUSED:- PAUSED:- PAUSED:- PAUSED:- PAUSED:- PAUSED:resume PAUSED:disconnect PAUSED:event DISCONNECTED:-",
        "CLOSING        CLOSING:- CLOSING:- CLOSING:pong CLOSING:- CLOSING:- CLOSING:- CLOSING:- CLOSING:- CLOSING:- CLOSING:- CLOSING:- CLOSING:- CLOSING:event DISCONNECTED:-",
        "CLOSED         CLOSED:- CLOSED:- CLOSED:- CLOSED:- CLOSED:- CLOSED:- CLOSED:- CLOSED:- CLOSED:- CLOSED:- CLOSED:- CLOSED:- CLOSED:- DISCONNECTED:-",
        "SIGNALED_ERROR SIGNALED_ERROR:- CLOSED:closed SIGNALED_ERROR:pong SIGNALED_ERROR:- SIGNALED_ERROR:- SIGNALED_ERROR:- SIGNALED_ERROR:- SIGNALED_ERROR:- SIGNALED_ERROR:- SIGNALED_ERROR:- SIGNALED_ERROR:- SIGNALED_ERROR:- SIGNALED_ERROR:- DISCONNECTED:-",
        "UNAUTHORIZED   UNAUTHORIZED:- CLOSED:closed UNAUTHORIZED:pong UNAUTHORIZED:- UNAUTHORIZED:- UNAUTHORIZED:- UNAUTHORIZED:- UNAUTHORIZED:- UNAUTHORIZED:- UNAUTHORIZED:- UNAUTHORIZED:- UNAUTHORIZED:- UNAUTHORIZED:- DISCONNECTED:-",
        "DISCONNECTED   DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:- DISCONNECTED:-",
    };

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (String row : TABLE) {
            String[] cells = row.trim().split("\\s+");
            SessionState state = SessionState.valueOf(cells[0]);
            assertThat(cells).hasSize(Event.values().length + 1);
            for (Event e : Event.values()) {
                String[] cell = cells[e.ordinal() + 1].split(":");
                List<String> sent = cell[1].equals("-") ? List.of() : Arrays.asList(cell[1].split("\\+"));
                out.add(Arguments.of(state, e, SessionState.valueOf(cell[0]), sent));
            }
        }
        assertThat(out).hasSize(SessionState.values().length * Event.values().length);
        return out.stream();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2} sends {3}")
    @MethodSource("pairs")
    void everyStateHandlesEveryEvent(SessionState state, Event event, SessionState expected, List<String> sent) {
        SessionHarness h = new SessionHarness();
        Map<String, Object> observed = new HashMap<>();
        if (state == SessionState.CLOSING) {
            bringTo(h, SessionState.ACTIVE);
            h.onCloseAction = s -> {
                assertThat(s.state()).isEqualTo(SessionState.CLOSING);
                int before = h.transport.sent.size();
                event.apply.accept(h);
                observed.put("state", s.state());
                observed.put("sent", List.copyOf(h.transport.types().subList(before, h.transport.sent.size())));
            };
            h.close();
        } else {
            bringTo(h, state);
            assertThat(h.session.state()).isEqualTo(state);
            int before = h.transport.sent.size();
            event.apply.accept(h);
            observed.put("state", h.session.state());
            observed.put("sent", List.copyOf(h.transport.types().subList(before, h.transport.sent.size())));
        }
        assertThat(observed.get("state")).isEqualTo(expected);
        assertThat(observed.get("sent")).isEqualTo(sent);
    }

    private static void bringTo(SessionHarness h, SessionState state) {
        switch (state) {
            case PREPARING:
                return;
            case OPENING:
                h.decision = new CompletableFuture<>();
                h.open();
                return;
            case ACTIVE:
                h.open();
                return;
            case PAUSED:
                h.open();
                h.send(new ClientParameters.Paused());
                return;
            case CLOSED:
                h.open();
                h.close();
                return;
            case SIGNALED_ERROR:
                h.open();
                h.session.disconnect(DisconnectReason.ERROR, "x");
                return;
            case UNAUTHORIZED:
                h.open();
                h.session.disconnect(DisconnectReason.UNAUTHORIZED, "x");
                return;
            case DISCONNECTED:
                h.open();
                h.session.onConnectionClosed(CloseReason.Kind.CONNECTION_LOST, "x");
                return;
            default:
                throw new IllegalArgumentException(state.name());
        }
    }
}
