package dev.voicegate.core.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegate.notifier.api.AgentNotifier;
import dev.voicegate.notifier.api.ConversationView;
import dev.voicegate.notifier.api.ProgressUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent app across instances: what this instance's transactions tell agents goes to its own agent server and,
 * through the bus, to every other instance's, which keeps a mirror (binding and latest view) so an agent connected
 * anywhere sees their calls, gets snapshots on connect, and may command them ({@link ClusterCommands} routes the command
 * to the instance that holds the call, which is the mirror's origin).
 *
 * <p>When an instance is gone ({@link ClusterNode#onGone}) its mirrored calls are removed with the reason "call lost":
 * AudioHook does not re-establish a session, so their biometrics end there. When an instance joins, this one
 * re-publishes its own calls so the newcomer's mirror is complete.
 */
public final class ClusterAgentNotifier implements AgentNotifier {
    private static final Logger log = LoggerFactory.getLogger(ClusterAgentNotifier.class);
    static final String BIND = "bind";
    static final String UNBIND = "unbind";
    static final String VIEW = "view";
    static final String PROGRESS = "progress";
    static final String CALL_LOST = "call lost: the gateway instance holding it stopped";

    /** A call held by this instance: its agent and latest view (for peers that join later). */
    private record Own(String agent, ConversationView view) {
    }

    private final ClusterNode node;
    private volatile AgentNotifier local = NONE;
    private final Map<String, Own> own = new ConcurrentHashMap<>();
    /** conversationId → the instance holding it, for calls mirrored from peers. */
    private final Map<String, String> origins = new ConcurrentHashMap<>();

    public ClusterAgentNotifier(ClusterNode node) {
        this.node = node;
        PgBus bus = node.bus();
        bus.on(BIND, m -> {
            String conv = m.body().path("c").asText();
            origins.put(conv, m.origin());
            local.bind(conv, m.body().path("a").asText());
        });
        bus.on(UNBIND, m -> {
            String conv = m.body().path("c").asText();
            if (origins.remove(conv, m.origin())) {
                local.unbind(conv);
            }
        });
        bus.on(VIEW, m -> {
            try {
                ConversationView v = BusCodec.JSON.treeToValue(m.body().path("v"), ConversationView.class);
                String agent = m.body().path("a").asText();
                if (!m.origin().equals(origins.get(v.conversationId()))) {
                    origins.put(v.conversationId(), m.origin());
                    local.bind(v.conversationId(), agent);
                }
                local.publish(agent, v);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                log.warn("[cluster] refused a conversation view from {}: {}", m.origin(), e.getMessage());
            }
        });
        bus.on(PROGRESS, m -> {
            try {
                local.progress(m.body().path("a").asText(), BusCodec.JSON.treeToValue(m.body().path("p"), ProgressUpdate.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                log.warn("[cluster] refused a progress update from {}: {}", m.origin(), e.getMessage());
            }
        });
        node.onGone(this::instanceGone);
        node.onJoined(id -> republish());
        bus.onReconnected(this::republish);
    }

    /** The agent server of this instance (attached once it exists). */
    public void attach(AgentNotifier localNotifier) {
        this.local = localNotifier;
    }

    /** The instance holding {@code conversationId} when another instance holds it. */
    public Optional<String> originOf(String conversationId) {
        return Optional.ofNullable(origins.get(conversationId));
    }

    private void instanceGone(String id) {
        List<String> lost = origins.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).toList();
        for (String conv : lost) {
            if (origins.remove(conv, id)) {
                local.unbind(conv, CALL_LOST);
            }
        }
        if (!lost.isEmpty()) {
            log.warn("[cluster] {} call(s) of instance {} lost for their agents", lost.size(), id);
        }
    }

    private void republish() {
        own.forEach((conv, o) -> {
            send(BIND, conv, o.agent());
            if (o.view() != null) {
                sendView(o.agent(), o.view());
            }
        });
    }

    private void send(String kind, String conv, String agent) {
        ObjectNode b = BusCodec.JSON.createObjectNode().put("c", conv);
        if (agent != null) {
            b.put("a", agent);
        }
        node.bus().publish(kind, b);
    }

    private void sendView(String agent, ConversationView v) {
        ObjectNode b = BusCodec.JSON.createObjectNode().put("a", agent);
        b.set("v", BusCodec.JSON.valueToTree(v));
        node.bus().publish(VIEW, b);
    }

    @Override
    public boolean bind(String conversationId, String agentUserId) {
        boolean ok = local.bind(conversationId, agentUserId);
        origins.remove(conversationId);
        own.put(conversationId, new Own(agentUserId, null));
        send(BIND, conversationId, agentUserId);
        return ok;
    }

    @Override
    public void unbind(String conversationId) {
        local.unbind(conversationId);
        if (own.remove(conversationId) != null) {
            send(UNBIND, conversationId, null);
        }
    }

    @Override
    public void unbind(String conversationId, String reason) {
        local.unbind(conversationId, reason);
        if (own.remove(conversationId) != null) {
            send(UNBIND, conversationId, null);
        }
    }

    @Override
    public boolean publish(String agentUserId, ConversationView view) {
        boolean ok = local.publish(agentUserId, view);
        own.computeIfPresent(view.conversationId(), (c, o) -> new Own(agentUserId, view));
        sendView(agentUserId, view);
        return ok;
    }

    @Override
    public boolean progress(String agentUserId, ProgressUpdate update) {
        boolean ok = local.progress(agentUserId, update);
        ObjectNode b = BusCodec.JSON.createObjectNode().put("a", agentUserId);
        b.set("p", BusCodec.JSON.valueToTree(update));
        node.bus().publish(PROGRESS, b);
        return ok;
    }

    @Override
    public int connectedClients(String agentUserId) {
        return local.connectedClients(agentUserId);
    }

    /** Before the agent server is attached: nothing is connected. */
    private static final AgentNotifier NONE = new AgentNotifier() {
        @Override
        public boolean bind(String conversationId, String agentUserId) {
            return false;
        }

        @Override
        public void unbind(String conversationId) {
        }

        @Override
        public boolean publish(String agentUserId, ConversationView view) {
            return false;
        }

        @Override
        public boolean progress(String agentUserId, ProgressUpdate update) {
            return false;
        }

        @Override
        public int connectedClients(String agentUserId) {
            return 0;
        }
    };
}
