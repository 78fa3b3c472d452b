package dev.voicegate.genesys.api;

import dev.voicegate.genesys.internal.Pii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of a voice conversation as Genesys reported it (REST {@code GET /api/v2/conversations/{id}}
 * or a notification body), reduced to what gating needs: the agent legs and the customer. Immutable.
 *
 * @param conversationId        conversation id
 * @param agentLegs             every agent participant (several per agent after transfers or missed alerts)
 * @param customerParticipantId customer participant id or null
 * @param customerAni           customer address or null (PII)
 * @param dnis                  dialled number or null
 * @param attributes            customer participant attributes
 */
public record ConversationSnapshot(String conversationId, List<AgentLeg> agentLegs, String customerParticipantId,
                                   String customerAni, String dnis, Map<String, String> attributes) {

    /** State of one agent leg, per fact sheet §4. */
    public enum LegState {
        /** Not yet answered (alerting, dialing, contacting, offering). */
        PENDING,
        /** Call state connected and no participant end time. */
        CONNECTED,
        /** Call disconnected/terminated, or participant has an end time. */
        ENDED
    }

    /** One agent participant of the conversation. */
    public record AgentLeg(String userId, String participantId, LegState state, Instant connectedTime,
                           Instant endTime) {
    }

    public ConversationSnapshot {
        agentLegs = List.copyOf(agentLegs);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** User ids of agents with a connected leg, in participant order. */
    public Set<String> connectedAgents() {
        Set<String> ids = new LinkedHashSet<>();
        agentLegs.stream().filter(l -> l.state() == LegState.CONNECTED).forEach(l -> ids.add(l.userId()));
        return ids;
    }

    /** User ids of every agent that has a leg. */
    public Set<String> agents() {
        Set<String> ids = new LinkedHashSet<>();
        agentLegs.forEach(l -> ids.add(l.userId()));
        return ids;
    }

    /**
     * The leg that describes the agent now: a connected leg if there is one (earlier missed or
     * transferred legs are ignored), else the last ended leg, else a pending one.
     */
    public Optional<AgentLeg> activeLeg(String userId) {
        AgentLeg ended = null;
        AgentLeg pending = null;
        for (AgentLeg leg : agentLegs) {
            if (!leg.userId().equals(userId)) {
                continue;
            }
            switch (leg.state()) {
                case CONNECTED:
                    return Optional.of(leg);
                case ENDED:
                    ended = leg;
                    break;
                default:
                    pending = leg;
            }
        }
        return Optional.ofNullable(ended != null ? ended : pending);
    }

    /**
     * The typed view for one agent: {@code AGENT_CONNECTED} if connected, {@code AGENT_ENDED} if its
     * legs have ended, empty if the agent is absent or only alerting.
     */
    public Optional<ConversationEvent> eventFor(String userId, Instant receivedAt) {
        return activeLeg(userId).filter(l -> l.state() != LegState.PENDING).map(l -> new ConversationEvent(
                conversationId, userId,
                l.state() == LegState.CONNECTED ? ConversationEvent.Kind.AGENT_CONNECTED : ConversationEvent.Kind.AGENT_ENDED,
                l.participantId(), customerParticipantId, customerAni, dnis, attributes,
                l.state() == LegState.CONNECTED ? l.connectedTime() : l.endTime(), receivedAt));
    }

    /** Typed views for every agent on the conversation (connected and ended ones). */
    public List<ConversationEvent> events(Instant receivedAt) {
        List<ConversationEvent> out = new ArrayList<>();
        agents().forEach(a -> eventFor(a, receivedAt).ifPresent(out::add));
        return out;
    }

    @Override
    public String toString() {
        return "ConversationSnapshot[conv=" + conversationId + ", legs=" + agentLegs + ", customerParticipant="
                + customerParticipantId + ", ani=" + Pii.maskAddress(customerAni) + ", dnis=" + dnis + "]";
    }
}
