package dev.voicegate.core.demo;

import dev.voicegate.core.directory.MemberSource;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.core.gating.ConversationLookup;
import dev.voicegate.core.genesys.OrgPorts;
import dev.voicegate.core.time.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-process Genesys Cloud organisation for the demo: named agents (members of
 * {@link DemoCast#MONITORED_GROUP} or not), live conversations placed by the call simulator,
 * conversation events delivered after a delay (the way the notification stream lags), REST look-ups
 * answered from its own state, attribute write-back recorded and logged. It accepts no user tokens
 * (the demo signs its own local tokens). Thread-safe; listeners are called on the timer thread.
 */
public final class SimulatedOrg implements OrgPorts {
    private static final Logger log = LoggerFactory.getLogger(SimulatedOrg.class);
    private static final int MAX_RECORDED_WRITES = 1_000;

    /** One attribute write-back as Genesys would have received it. */
    public record AttributeWrite(String conversationId, String participantId, Map<String, String> attributes) {
    }

    private record Live(String agentUserId, String customerParticipantId, String ani, Map<String, String> attributes) {
    }

    private final List<DemoCast.Agent> agents;
    private final Timers timers;
    private final Clock clock;
    private final Map<String, Live> conversations = new ConcurrentHashMap<>();
    private final List<Consumer<AgentConversationEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> healthListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<AttributeWrite>> writeListeners = new CopyOnWriteArrayList<>();
    private final Deque<AttributeWrite> writes = new ArrayDeque<>();
    private volatile Set<String> monitored = Set.of();
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param agents the organisation's agents
     * @param timers where delayed event deliveries run
     * @param clock  wall clock for event times
     */
    public SimulatedOrg(List<DemoCast.Agent> agents, Timers timers, Clock clock) {
        this.agents = List.copyOf(agents);
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public MemberSource members() {
        return new MemberSource() {
            @Override
            public CompletionStage<List<Member>> groupMembers(String groupId) {
                if (!DemoCast.MONITORED_GROUP.equals(groupId)) {
                    return CompletableFuture.failedFuture(new IllegalArgumentException(
                            "group '" + groupId + "' does not exist in the demo organisation (expected: " + DemoCast.MONITORED_GROUP + ")"));
                }
                return CompletableFuture.completedFuture(agents.stream().filter(DemoCast.Agent::monitored)
                        .map(a -> new Member(a.userId(), a.name())).toList());
            }

            @Override
            public CompletionStage<List<Member>> queueMembers(String queueId) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "queue '" + queueId + "' does not exist in the demo organisation (it has no queues)"));
            }
        };
    }

    @Override
    public ConversationLookup lookup() {
        return conversationId -> {
            Live c = conversations.get(conversationId);
            return CompletableFuture.completedFuture(Optional.ofNullable(c).map(l -> event(conversationId, l, true)));
        };
    }

    @Override
    public void onEvents(Consumer<AgentConversationEvent> listener) {
        eventListeners.add(listener);
    }

    @Override
    public void onHealth(Consumer<Boolean> listener) {
        healthListeners.add(listener);
    }

    @Override
    public boolean healthy() {
        return started && !closed;
    }

    @Override
    public void setMonitoredAgents(Set<String> userIds) {
        monitored = Set.copyOf(userIds);
        log.info("[demo-org] subscribed to the conversations of {} agent(s)", userIds.size());
    }

    @Override
    public void start() {
        started = true;
        healthListeners.forEach(l -> l.accept(true));
    }

    /**
     * A call is connected to {@code agent}: the conversation exists at once (REST look-ups see it) and
     * the agent's conversation event is delivered after {@code eventDelay}, if that agent is subscribed.
     */
    public void connect(String conversationId, DemoCast.Agent agent, String customerParticipantId, String ani,
                        Map<String, String> attributes, Duration eventDelay) {
        Live live = new Live(agent.userId(), customerParticipantId, ani, Map.copyOf(attributes));
        conversations.put(conversationId, live);
        timers.schedule(() -> deliver(conversationId, live, true), eventDelay);
    }

    /** The call ended: the conversation is gone and the agent's "disconnected" event follows after {@code eventDelay}. */
    public void end(String conversationId, Duration eventDelay) {
        Live live = conversations.remove(conversationId);
        if (live != null) {
            timers.schedule(() -> deliver(conversationId, live, false), eventDelay);
        }
    }

    /** Whether the agent is on a call now. */
    public boolean busy(String agentUserId) {
        return conversations.values().stream().anyMatch(c -> c.agentUserId().equals(agentUserId));
    }

    private void deliver(String conversationId, Live live, boolean connected) {
        if (closed || !monitored.contains(live.agentUserId())) {
            return;     // no subscription for this agent's topic: Genesys sends nothing
        }
        AgentConversationEvent e = event(conversationId, live, connected);
        eventListeners.forEach(l -> l.accept(e));
    }

    private AgentConversationEvent event(String conversationId, Live l, boolean connected) {
        return new AgentConversationEvent(conversationId, l.agentUserId(), connected, l.customerParticipantId(), l.ani(),
                l.attributes(), clock.instant(), clock.instant());
    }

    @Override
    public CompletionStage<Void> writeAttributes(String conversationId, String participantId, Map<String, String> attributes) {
        AttributeWrite w = new AttributeWrite(conversationId, participantId, Map.copyOf(attributes));
        synchronized (writes) {
            if (writes.size() == MAX_RECORDED_WRITES) {
                writes.removeFirst();
            }
            writes.addLast(w);
        }
        writeListeners.forEach(l -> l.accept(w));
        // Attribute names only: values may tie a score to a person.
        log.info("[demo-org conv={}] participant attributes written back: {}", conversationId, new TreeSet<>(attributes.keySet()));
        return CompletableFuture.completedFuture(null);
    }

    /** Called (on the writer's thread) for every attribute write-back the organisation accepts. */
    public void onAttributeWrite(Consumer<AttributeWrite> listener) {
        writeListeners.add(listener);
    }

    /** The attribute writes received so far (the latest {@value #MAX_RECORDED_WRITES}). */
    public List<AttributeWrite> attributeWrites() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    @Override
    public CompletionStage<OrgUser> userForToken(String bearerToken) {
        return CompletableFuture.failedFuture(new InvalidUserTokenException(
                "the demo organisation has no Genesys login; use the local demo token printed at start"));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            healthListeners.forEach(l -> l.accept(false));
        }
    }
}
