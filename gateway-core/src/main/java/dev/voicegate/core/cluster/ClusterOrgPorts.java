package dev.voicegate.core.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.core.directory.MemberSource;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.core.gating.ConversationLookup;
import dev.voicegate.core.genesys.OrgPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The organisation as one instance of a cluster sees it: directory reads, conversation look-ups, write-back and
 * sign-in go straight to Genesys from every instance; the notification subscription (the 20-channel cap is per OAuth
 * client, so for the whole cluster) runs only on the instance that holds the lease ({@link PgBus}), which hands every
 * conversation event to its own correlator and publishes it to the others. A new lease holder opens a fresh event
 * stream from {@code eventSource}; one that loses the lease closes its stream at once.
 *
 * <p>Health, as the correlator's REST fallback needs it: the holder's own stream health; elsewhere, what the holder
 * said in its last heartbeat, and unhealthy when no holder was heard within {@code cluster.peerTimeout} (so every
 * instance looks conversations up over REST while the lease changes hands, as a single instance does while its
 * notification socket is down).
 */
public final class ClusterOrgPorts implements OrgPorts {
    private static final Logger log = LoggerFactory.getLogger(ClusterOrgPorts.class);
    static final String EVENT = "event";

    private final OrgPorts base;
    private final Supplier<OrgPorts> eventSource;
    private final ClusterNode node;
    private final List<Consumer<AgentConversationEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> healthListeners = new CopyOnWriteArrayList<>();
    private volatile Set<String> monitored = Set.of();
    private volatile OrgPorts term;
    private volatile boolean lastHealth;

    /**
     * @param base        the organisation for everything but events (its event stream is never started)
     * @param eventSource a new, unstarted organisation client whose event stream a lease holder runs (one per term)
     */
    public ClusterOrgPorts(OrgPorts base, Supplier<OrgPorts> eventSource, ClusterNode node) {
        this.base = base;
        this.eventSource = eventSource;
        this.node = node;
        node.bus().on(EVENT, m -> {
            try {
                deliver(BusCodec.JSON.treeToValue(m.body(), AgentConversationEvent.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                log.warn("[cluster] refused an event from {}: {}", m.origin(), e.getMessage());
            }
        });
        node.bus().onLease(this::lease);
        node.eventsHealthy(() -> {
            OrgPorts t = term;
            return t != null && t.healthy();
        });
        node.onTick(this::checkHealth);
    }

    private void deliver(AgentConversationEvent e) {
        eventListeners.forEach(l -> l.accept(e));
    }

    private synchronized void lease(boolean held) {
        if (held && term == null) {
            OrgPorts t = eventSource.get();
            t.onEvents(e -> {
                deliver(e);
                ObjectNode body = BusCodec.JSON.valueToTree(e);
                node.bus().publish(EVENT, body);
            });
            t.onHealth(h -> checkHealth());
            t.setMonitoredAgents(monitored);
            term = t;
            t.start();
            log.info("[cluster] {} runs the Genesys notification subscription for {} agents", node.instanceId(), monitored.size());
        } else if (!held && term != null) {
            OrgPorts t = term;
            term = null;
            t.close();
            log.warn("[cluster] {} closed its Genesys notification subscription (lease lost)", node.instanceId());
        }
        checkHealth();
    }

    private void checkHealth() {
        boolean now = healthy();
        if (now != lastHealth) {
            lastHealth = now;
            healthListeners.forEach(l -> l.accept(now));
        }
    }

    /** Whether this instance runs the notification subscription now. */
    public boolean subscribing() {
        return term != null;
    }

    @Override
    public MemberSource members() {
        return base.members();
    }

    @Override
    public ConversationLookup lookup() {
        return base.lookup();
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
        OrgPorts t = term;
        if (t != null) {
            return t.healthy();
        }
        return node.leaderPeer().map(ClusterNode.Peer::eventsHealthy).orElse(false);
    }

    @Override
    public void setMonitoredAgents(Set<String> userIds) {
        monitored = Set.copyOf(userIds);
        OrgPorts t = term;
        if (t != null) {
            t.setMonitoredAgents(monitored);
        }
    }

    /** Competes for the lease; the holder starts the event stream. */
    @Override
    public void start() {
        node.bus().requestLease();
    }

    @Override
    public CompletionStage<Void> writeAttributes(String conversationId, String participantId, Map<String, String> attributes) {
        return base.writeAttributes(conversationId, participantId, attributes);
    }

    @Override
    public CompletionStage<OrgUser> userForToken(String bearerToken) {
        return base.userForToken(bearerToken);
    }

    @Override
    public synchronized void close() {
        OrgPorts t = term;
        term = null;
        if (t != null) {
            t.close();
        }
        base.close();
    }
}
