package dev.voicegate.testing.genesys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A voice conversation in the fake Genesys Cloud: one customer participant and the agent legs that
 * have joined it (a transfer ends one leg and adds another). Mutated only under the fake's lock;
 * {@link ConversationEventBodies} renders it into the real wire shapes (fact sheet §4).
 */
public final class FakeConversation {

    /** One agent participant ("leg"); an agent can have several legs in one conversation. */
    public record AgentLeg(String participantId, String userId, String queueId, String state,
                           Instant connectedTime, Instant endTime, String disconnectType) {

        /** True while the leg's call is connected and the participant has no end time. */
        public boolean connected() {
            return "connected".equals(state) && endTime == null;
        }

        AgentLeg disconnect(Instant at, String type) {
            return new AgentLeg(participantId, userId, queueId, "disconnected", connectedTime, at, type);
        }
    }

    private final String id;
    private final String customerParticipantId;
    private final String ani;
    private final String dnis;
    private final Instant startTime;
    private final List<AgentLeg> legs = new ArrayList<>();
    private final Map<String, String> customerAttributes = new LinkedHashMap<>();
    private Instant endTime;

    /** A new conversation (reusable outside the fake, e.g. by a demo that drives a gateway). */
    public FakeConversation(String id, String customerParticipantId, String ani, String dnis, Instant startTime) {
        this.id = id;
        this.customerParticipantId = customerParticipantId;
        this.ani = ani;
        this.dnis = dnis;
        this.startTime = startTime;
    }

    public String id() {
        return id;
    }

    public String customerParticipantId() {
        return customerParticipantId;
    }

    public String ani() {
        return ani;
    }

    public String dnis() {
        return dnis;
    }

    public Instant startTime() {
        return startTime;
    }

    /** The end of the customer leg, or null while the call is up. */
    public Instant endTime() {
        return endTime;
    }

    public List<AgentLeg> legs() {
        return List.copyOf(legs);
    }

    public Map<String, String> customerAttributes() {
        return Map.copyOf(customerAttributes);
    }

    /** The connected leg of this agent, if any. */
    public Optional<AgentLeg> connectedLeg(String userId) {
        return legs.stream().filter(l -> l.userId().equals(userId) && l.connected()).findFirst();
    }

    /** Adds an agent leg. Not thread-safe: callers serialise access. */
    public void addLeg(AgentLeg leg) {
        legs.add(leg);
    }

    /** Ends the connected legs of an agent (e.g. {@code "transfer"}). */
    public void disconnectLegsOf(String userId, Instant at, String disconnectType) {
        legs.replaceAll(l -> l.userId().equals(userId) && l.connected() ? l.disconnect(at, disconnectType) : l);
    }

    /** The customer hung up: every leg ends. */
    public void end(Instant at) {
        legs.replaceAll(l -> l.connected() ? l.disconnect(at, "endpoint") : l);
        endTime = at;
    }

    void putCustomerAttributes(Map<String, String> attributes) {
        customerAttributes.putAll(attributes);
    }
}
