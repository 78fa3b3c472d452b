package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.AgentNotifier;
import dev.voicegate.notifier.api.ConversationView;
import dev.voicegate.notifier.api.ProgressUpdate;
import dev.voicegate.notifier.config.NotifierLimits;
import dev.voicegate.notifier.protocol.Outbound;
import dev.voicegate.notifier.protocol.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Routes conversation state to the connected clients of the bound agent only, and keeps the latest
 * views for the snapshot a client receives first on (re)connect.
 *
 * <p>Thread-safe: one monitor guards bindings and client sets. Work under it is O(clients of one
 * agent) and never blocks: {@link ClientSink#deliver} only queues. Registering a client and
 * queueing its snapshot happen under the same monitor as publishes, so a client never misses an
 * update between its snapshot and the live stream.
 */
public final class SubscriptionHub implements AgentNotifier, BindingLookup {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionHub.class);

    private final WireCodec codec;
    private final NotifierLimits limits;
    private final NotifierMetrics metrics;
    private final LongSupplier ticker;
    private final ConversationRegistry registry;
    private final Map<String, Set<ClientSink>> clients = new HashMap<>();
    private int clientCount;

    public SubscriptionHub(WireCodec codec, NotifierLimits limits, NotifierMetrics metrics, LongSupplier ticker) {
        this.codec = codec;
        this.limits = limits;
        this.metrics = metrics;
        this.ticker = ticker;
        this.registry = new ConversationRegistry(limits.maxConversations(), limits.conversationIdleTtl().toNanos());
        metrics.gauges(this::clientCount, this::conversationCount);
    }

    /** Whether another client may connect (checked before the upgrade, and again on register). */
    public synchronized boolean hasCapacity() {
        return clientCount < limits.maxClients();
    }

    /**
     * Registers a client and queues its hello and snapshot ahead of any later update.
     *
     * @return false when {@code maxClients} is reached (the caller refuses the connection)
     */
    public synchronized boolean register(ClientSink sink) {
        if (clientCount >= limits.maxClients()) {
            return false;
        }
        String user = sink.principal().userId();
        if (clients.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(sink)) {
            clientCount++;
        }
        sink.deliver(codec.hello(sink.principal()));
        sink.deliver(codec.snapshot(registry.viewsOf(user)));
        return true;
    }

    /** Removes a client. Idempotent. */
    public synchronized void unregister(ClientSink sink) {
        Set<ClientSink> set = clients.get(sink.principal().userId());
        if (set != null && set.remove(sink)) {
            clientCount--;
            if (set.isEmpty()) {
                clients.remove(sink.principal().userId());
            }
        }
    }

    @Override
    public synchronized boolean bind(String conversationId, String agentUserId) {
        requireId("conversationId", conversationId);
        requireId("agentUserId", agentUserId);
        String previous = registry.agentOf(conversationId);
        ConversationRegistry.BindResult r = registry.bind(conversationId, agentUserId, ticker.getAsLong());
        if (r == ConversationRegistry.BindResult.FULL) {
            log.warn("[conv={} agent={}] not bound: {} conversations already bound (agent.limits.maxConversations)",
                    conversationId, agentUserId, limits.maxConversations());
            return false;
        }
        if (r == ConversationRegistry.BindResult.MOVED) {
            log.info("[conv={}] moved from agent {} to agent {}", conversationId, previous, agentUserId);
            send(previous, codec.removed(conversationId));
        }
        return true;
    }

    @Override
    public synchronized void unbind(String conversationId) {
        String agent = registry.remove(conversationId);
        if (agent != null) {
            send(agent, codec.removed(conversationId));
        }
    }

    @Override
    public synchronized void unbind(String conversationId, String reason) {
        String agent = registry.remove(conversationId);
        if (agent != null) {
            send(agent, codec.removed(conversationId, reason));
        }
    }

    @Override
    public boolean publish(String agentUserId, ConversationView view) {
        Outbound message = codec.conversation(view); // encode outside the monitor
        synchronized (this) {
            if (!registry.update(agentUserId, view, ticker.getAsLong())) {
                return rejected(agentUserId, view.conversationId());
            }
            send(agentUserId, message);
            return true;
        }
    }

    @Override
    public boolean progress(String agentUserId, ProgressUpdate update) {
        Outbound message = codec.progress(update);
        synchronized (this) {
            if (!registry.touch(agentUserId, update.conversationId(), ticker.getAsLong())) {
                return rejected(agentUserId, update.conversationId());
            }
            send(agentUserId, message);
            return true;
        }
    }

    @Override
    public synchronized int connectedClients(String agentUserId) {
        return clients.getOrDefault(agentUserId, Set.of()).size();
    }

    @Override
    public synchronized String boundAgentOf(String conversationId) {
        return registry.agentOf(conversationId);
    }

    /** Drops bindings idle past {@code conversationIdleTtl}; their agents get {@code removed}. */
    public synchronized int sweepIdle() {
        List<Map.Entry<String, String>> expired = registry.sweep(ticker.getAsLong());
        for (Map.Entry<String, String> e : expired) {
            log.info("[conv={} agent={}] binding expired after {} idle", e.getKey(), e.getValue(),
                    limits.conversationIdleTtl());
            send(e.getValue(), codec.removed(e.getKey()));
        }
        return expired.size();
    }

    public synchronized int clientCount() {
        return clientCount;
    }

    public synchronized int conversationCount() {
        return registry.size();
    }

    private boolean rejected(String agentUserId, String conversationId) {
        metrics.publishRejected();
        log.warn("[conv={} agent={}] update dropped: conversation is not bound to this agent",
                conversationId, agentUserId);
        return false;
    }

    private void send(String agentUserId, Outbound message) {
        // A copy: a sink that closes itself may unregister re-entrantly.
        for (ClientSink sink : List.copyOf(clients.getOrDefault(agentUserId, Set.of()))) {
            sink.deliver(message);
        }
    }

    private static void requireId(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: non-blank)");
        }
    }
}
