package dev.voicegate.core.gating;

import dev.voicegate.audiohook.api.AudioHookSession;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.audiohook.api.OpenInfo;
import dev.voicegate.core.time.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Matches AudioHook streams with conversation events of monitored agents (architecture §1 step 4),
 * in either order, and keeps the gate: a stream carries audio only while bound to a monitored agent.
 *
 * <ul>
 *   <li>event first, then open → bound at once, {@code opened} resumes the stream;</li>
 *   <li>open first → the stream starts paused; an event within {@code matchTimeout} binds and resumes it;</li>
 *   <li>no event in time → {@code disconnect{completed, "not a monitored conversation"}};</li>
 *   <li>shortly before the deadline, or at once while notifications are unhealthy, the conversation
 *       is looked up over REST so an outage of the event stream does not lose monitored calls;</li>
 *   <li>a transfer to another monitored agent re-binds; when the bound agent leaves, the stream is
 *       paused and waits like a new one (re-bound by a monitored agent's event, else released).</li>
 * </ul>
 *
 * <p>Threading: called from AudioHook event loops, the Genesys client and timer threads. State is
 * guarded by one lock held only for map updates (O(1)); calls on sessions (non-blocking, they hop
 * to the session's loop) and on the {@link BindingListener} happen after the lock is released.
 */
public final class Correlator {
    private static final Logger log = LoggerFactory.getLogger(Correlator.class);
    static final String NOT_MONITORED = "not a monitored conversation";

    private final CorrelatorConfig config;
    private final Predicate<String> monitored;
    private final BooleanSupplier notificationsHealthy;
    private final ConversationLookup lookup;
    private final Timers timers;
    private final LongSupplier ticker;
    private final BindingListener listener;
    private final CorrelatorMetrics metrics;

    private final Object lock = new Object();
    private final Map<String, Waiting> waitingBySession = new HashMap<>();
    private final Map<String, List<String>> waitingByConversation = new HashMap<>();
    private final LinkedHashMap<String, Remembered> events = new LinkedHashMap<>();
    private final Map<String, Binding> bound = new HashMap<>();
    private final Map<String, List<String>> boundByConversation = new HashMap<>();

    private record Waiting(AudioHookSession session, String conversationId, long sinceNanos, boolean wasBound,
                           Timers.Cancellable timeout, Timers.Cancellable fallback) {
    }

    private record Remembered(AgentConversationEvent event, long expiresNanos) {
    }

    /** Collaborators of a correlator; see {@link Correlator}. */
    public record Ports(Predicate<String> monitoredAgent, BooleanSupplier notificationsHealthy, ConversationLookup lookup,
                        Timers timers, LongSupplier ticker, BindingListener listener) {
    }

    public Correlator(CorrelatorConfig config, Ports ports, CorrelatorMetrics metrics) {
        this.config = config;
        this.monitored = ports.monitoredAgent();
        this.notificationsHealthy = ports.notificationsHealthy();
        this.lookup = ports.lookup();
        this.timers = ports.timers();
        this.ticker = ports.ticker();
        this.listener = ports.listener();
        this.metrics = metrics;
        metrics.bindGauges(this::waitingCount, this::rememberedCount, this::boundCount);
    }

    /** The AudioHook open decision for a new stream. */
    public OpenDecision onOpen(AudioHookSession session, OpenInfo info) {
        if (info.probe()) {
            return OpenDecision.resume();
        }
        long now = ticker.getAsLong();
        Binding binding = null;
        boolean overflow = false;
        synchronized (lock) {
            AgentConversationEvent e = liveEvent(info.conversationId(), now);
            if (e != null) {
                binding = new Binding(session, e.agentUserId(), e);
                putBound(binding);
            } else if (waitingBySession.size() >= config.maxPending()) {
                overflow = true;
            } else {
                addWaiting(session, info.conversationId(), now, false);
            }
        }
        if (binding != null) {
            metrics.matched(CorrelatorMetrics.Path.EVENT_FIRST, Duration.ZERO);
            log.info("[session={} conv={}] bound to agent {} at open (event came first)", session.sessionId(),
                    info.conversationId(), binding.agentUserId());
            listener.onBound(binding);
            return OpenDecision.resume();
        }
        if (overflow) {
            metrics.overflow();
            return OpenDecision.reject(DisconnectReason.ERROR, "gateway busy: too many streams waiting for a conversation event");
        }
        if (!notificationsHealthy.getAsBoolean()) {
            lookUp(session.sessionId(), info.conversationId());
        }
        return OpenDecision.startPaused();
    }

    /** A conversation event from the notification stream (or the REST fallback). */
    public void onEvent(AgentConversationEvent e) {
        long start = ticker.getAsLong();
        metrics.eventLag(e);
        if (!monitored.test(e.agentUserId())) {
            metrics.unmonitoredEvent();
            return;
        }
        if (e.connected()) {
            connected(e, start, CorrelatorMetrics.Path.OPEN_FIRST);
        } else {
            ended(e);
        }
    }

    private void connected(AgentConversationEvent e, long start, CorrelatorMetrics.Path path) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            remember(e, start);
            for (String sessionId : List.copyOf(waitingByConversation.getOrDefault(e.conversationId(), List.of()))) {
                Waiting w = removeWaiting(sessionId);
                Binding b = new Binding(w.session(), e.agentUserId(), e);
                putBound(b);
                Duration waited = Duration.ofNanos(start - w.sinceNanos());
                after.add(() -> {
                    w.session().resume();
                    metrics.eventToResume(ticker.getAsLong() - start);
                    metrics.matched(w.wasBound() ? CorrelatorMetrics.Path.REBOUND : path, waited);
                    log.info("[session={} conv={}] bound to agent {} after {} ms", sessionId, e.conversationId(),
                            e.agentUserId(), waited.toMillis());
                    listener.onBound(b);
                });
            }
            for (Binding old : boundTo(e.conversationId())) {
                if (!old.agentUserId().equals(e.agentUserId())) {
                    Binding b = new Binding(old.session(), e.agentUserId(), e);
                    putBound(b);
                    after.add(() -> {
                        log.info("[session={} conv={}] transferred from agent {} to monitored agent {}", old.session().sessionId(),
                                e.conversationId(), old.agentUserId(), e.agentUserId());
                        metrics.rebound();
                        listener.onRebound(old, b);
                    });
                }
            }
        }
        after.forEach(Runnable::run);
    }

    private void ended(AgentConversationEvent e) {
        List<Runnable> after = new ArrayList<>();
        long now = ticker.getAsLong();
        synchronized (lock) {
            Remembered r = events.get(e.conversationId());
            if (r != null && r.event().agentUserId().equals(e.agentUserId())) {
                events.remove(e.conversationId());
            }
            for (Binding b : boundTo(e.conversationId())) {
                if (b.agentUserId().equals(e.agentUserId())) {
                    removeBound(b.session().sessionId());
                    addWaiting(b.session(), e.conversationId(), now, true);
                    after.add(() -> {
                        b.session().pause();
                        log.info("[session={} conv={}] agent {} left; paused, waiting {} for a monitored agent",
                                b.session().sessionId(), e.conversationId(), e.agentUserId(), config.matchTimeout());
                        listener.onUnbound(b, "agent left the conversation");
                    });
                }
            }
        }
        after.forEach(Runnable::run);
    }

    /** Agents no longer monitored (directory sync): their streams are paused and wait like new ones. */
    public void agentsRemoved(Set<String> agentUserIds) {
        List<Binding> affected = new ArrayList<>();
        synchronized (lock) {
            for (Binding b : List.copyOf(bound.values())) {
                if (agentUserIds.contains(b.agentUserId())) {
                    affected.add(b);
                }
            }
            events.values().removeIf(r -> agentUserIds.contains(r.event().agentUserId()));
        }
        for (Binding b : affected) {
            ended(new AgentConversationEvent(b.conversationId(), b.agentUserId(), false, null, null, Map.of(), null,
                    b.event().receivedAt()));
        }
    }

    /** The notification stream became (un)healthy; while unhealthy, waiting streams are looked up over REST. */
    public void onNotificationHealth(boolean healthy) {
        if (healthy) {
            return;
        }
        List<Waiting> snapshot;
        synchronized (lock) {
            snapshot = List.copyOf(waitingBySession.values());
        }
        snapshot.forEach(w -> lookUp(w.session().sessionId(), w.conversationId()));
    }

    /** The stream ended (any reason). */
    public void onClose(AudioHookSession session) {
        Binding b;
        synchronized (lock) {
            removeWaiting(session.sessionId());
            b = removeBound(session.sessionId());
        }
        if (b != null) {
            listener.onUnbound(b, "stream closed");
        }
    }

    /** The binding of a session, if bound. */
    public Optional<Binding> binding(String sessionId) {
        synchronized (lock) {
            return Optional.ofNullable(bound.get(sessionId));
        }
    }

    private void addWaiting(AudioHookSession session, String conversationId, long now, boolean wasBound) {
        String id = session.sessionId();
        Duration lead = config.fallbackLead();
        Timers.Cancellable timeout = timers.schedule(() -> expire(id), config.matchTimeout());
        Timers.Cancellable fallback = lead.compareTo(config.matchTimeout()) < 0
                ? timers.schedule(() -> lookUp(id, conversationId), config.matchTimeout().minus(lead))
                : () -> { };
        waitingBySession.put(id, new Waiting(session, conversationId, now, wasBound, timeout, fallback));
        waitingByConversation.computeIfAbsent(conversationId, k -> new ArrayList<>(1)).add(id);
    }

    private Waiting removeWaiting(String sessionId) {
        Waiting w = waitingBySession.remove(sessionId);
        if (w != null) {
            w.timeout().cancel();
            w.fallback().cancel();
            List<String> ids = waitingByConversation.get(w.conversationId());
            if (ids != null) {
                ids.remove(sessionId);
                if (ids.isEmpty()) {
                    waitingByConversation.remove(w.conversationId());
                }
            }
        }
        return w;
    }

    private void expire(String sessionId) {
        Waiting w;
        synchronized (lock) {
            w = removeWaiting(sessionId);
        }
        if (w == null) {
            return;
        }
        metrics.timedOut(w.wasBound());
        log.info("[session={} conv={}] no monitored agent within {}; disconnecting", sessionId, w.conversationId(),
                config.matchTimeout());
        w.session().disconnect(DisconnectReason.COMPLETED, NOT_MONITORED);
        listener.onReleased(w.session(), w.conversationId(), NOT_MONITORED);
    }

    private void lookUp(String sessionId, String conversationId) {
        metrics.fallbackLookup();
        lookup.connectedAgent(conversationId).whenComplete((found, failure) -> {
            if (failure != null) {
                log.warn("[session={} conv={}] REST fallback lookup failed: {}", sessionId, conversationId, failure.toString());
                return;
            }
            if (found.isPresent() && monitored.test(found.get().agentUserId())) {
                boolean stillWaiting;
                synchronized (lock) {
                    stillWaiting = waitingBySession.containsKey(sessionId);
                }
                if (stillWaiting) {
                    metrics.fallbackMatch();
                    connected(found.get(), ticker.getAsLong(), CorrelatorMetrics.Path.REST_FALLBACK);
                }
            }
        });
    }

    private void remember(AgentConversationEvent e, long now) {
        events.remove(e.conversationId());
        events.put(e.conversationId(), new Remembered(e, now + config.eventTtl().toNanos()));
        Iterator<Remembered> it = events.values().iterator();
        while (it.hasNext()) {
            Remembered r = it.next();
            if (events.size() > config.maxPending() || r.expiresNanos() - now <= 0) {
                it.remove();
            } else {
                break;
            }
        }
    }

    private AgentConversationEvent liveEvent(String conversationId, long now) {
        Remembered r = events.get(conversationId);
        if (r == null) {
            return null;
        }
        if (r.expiresNanos() - now <= 0) {
            events.remove(conversationId);
            return null;
        }
        return monitored.test(r.event().agentUserId()) ? r.event() : null;
    }

    private List<Binding> boundTo(String conversationId) {
        List<String> ids = boundByConversation.get(conversationId);
        if (ids == null) {
            return List.of();
        }
        List<Binding> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(bound.get(id));
        }
        return out;
    }

    private void putBound(Binding b) {
        String id = b.session().sessionId();
        if (bound.put(id, b) == null) {
            boundByConversation.computeIfAbsent(b.conversationId(), k -> new ArrayList<>(1)).add(id);
        }
    }

    private Binding removeBound(String sessionId) {
        Binding b = bound.remove(sessionId);
        if (b != null) {
            List<String> ids = boundByConversation.get(b.conversationId());
            if (ids != null) {
                ids.remove(sessionId);
                if (ids.isEmpty()) {
                    boundByConversation.remove(b.conversationId());
                }
            }
        }
        return b;
    }

    int waitingCount() {
        synchronized (lock) {
            return waitingBySession.size();
        }
    }

    int rememberedCount() {
        synchronized (lock) {
            return events.size();
        }
    }

    int boundCount() {
        synchronized (lock) {
            return bound.size();
        }
    }
}
