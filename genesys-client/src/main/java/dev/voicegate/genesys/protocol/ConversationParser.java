package dev.voicegate.genesys.protocol;

import dev.voicegate.genesys.api.ConversationSnapshot;
import dev.voicegate.genesys.api.ConversationSnapshot.AgentLeg;
import dev.voicegate.genesys.api.ConversationSnapshot.LegState;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reduces a conversation body (REST {@code Conversation} or the {@code v2.users.{id}.conversations}
 * event body; same field names) to a {@link ConversationSnapshot}, applying fact sheet §4: an agent
 * leg is a participant with purpose {@code agent} (or {@code user} for direct calls) and a userId;
 * it is connected when it has no endTime and some call is {@code connected}, ended when it has an
 * endTime or a call is {@code disconnected}/{@code terminated}. Stateless, thread-safe.
 */
public final class ConversationParser {

    private static final Set<String> AGENT_PURPOSES = Set.of("agent", "user");
    private static final Set<String> ENDED_CALL_STATES = Set.of("disconnected", "terminated");

    private ConversationParser() {
    }

    /** @throws IllegalArgumentException if the body has no conversation id */
    public static ConversationSnapshot parse(Dtos.Conversation c) {
        if (c == null || c.id() == null || c.id().isBlank()) {
            throw new IllegalArgumentException("conversation body: missing id");
        }
        List<AgentLeg> legs = new ArrayList<>();
        Dtos.Participant customer = null;
        String agentDnis = null;
        for (Dtos.Participant p : nonNull(c.participants())) {
            if (p == null) {
                continue;
            }
            if (p.userId() != null && AGENT_PURPOSES.contains(p.purpose())) {
                legs.add(leg(p));
                agentDnis = agentDnis != null ? agentDnis : firstSelf(p);
            } else if (customer == null && "customer".equals(p.purpose())) {
                customer = p;
            }
        }
        if (customer == null) {
            customer = nonNull(c.participants()).stream().filter(Objects::nonNull)
                    .filter(p -> "external".equals(p.purpose())).findFirst().orElse(null);
        }
        if (customer == null) {
            return new ConversationSnapshot(c.id(), legs, null, null, agentDnis, Map.of());
        }
        String ani = firstNonNull(customer.ani(), customer.address(), firstOther(customer));
        String dnis = firstNonNull(customer.dnis(), firstSelf(customer), agentDnis);
        return new ConversationSnapshot(c.id(), legs, customer.id(), ani, dnis, customer.attributes());
    }

    private static AgentLeg leg(Dtos.Participant p) {
        boolean connectedCall = false;
        boolean endedCall = false;
        String callConnected = null;
        String callEnded = null;
        for (Dtos.Call call : nonNull(p.calls())) {
            if (call == null) {
                continue;
            }
            connectedCall |= "connected".equals(call.state());
            endedCall |= ENDED_CALL_STATES.contains(call.state()) || call.disconnectedTime() != null;
            callConnected = callConnected != null ? callConnected : call.connectedTime();
            callEnded = callEnded != null ? callEnded : call.disconnectedTime();
        }
        LegState state;
        if (p.endTime() == null && connectedCall) {
            state = LegState.CONNECTED;
        } else if (p.endTime() != null || endedCall) {
            state = LegState.ENDED;
        } else {
            state = LegState.PENDING;
        }
        return new AgentLeg(p.userId(), p.id(), state, instant(firstNonNull(p.connectedTime(), callConnected)),
                instant(firstNonNull(p.endTime(), callEnded)));
    }

    private static String firstSelf(Dtos.Participant p) {
        return nonNull(p.calls()).stream().filter(Objects::nonNull).map(Dtos.Call::self).filter(Objects::nonNull)
                .map(Dtos.Address::addressNormalized).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String firstOther(Dtos.Participant p) {
        return nonNull(p.calls()).stream().filter(Objects::nonNull).map(Dtos.Call::other).filter(Objects::nonNull)
                .map(Dtos.Address::addressNormalized).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
