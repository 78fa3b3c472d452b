package dev.voicegate.core.gating;

import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.OpenDecision;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelatorTest {
    private static final String AGENT = "5d1fb056-6eae-49a7-9200-7e784f69d195";
    private static final String AGENT_2 = "ab94a5df-24cc-42aa-8b78-3b96fa6f5a39";
    private static final String OUTSIDER = "99999999-0000-0000-0000-000000000001";
    private static final String CONV = "8f3a2c71-0b4e-4d2a-9a61-2f5c9e0d7b14";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ManualTimers timers = new ManualTimers(clock);
    private final Set<String> monitored = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final Map<String, Optional<AgentConversationEvent>> restAnswers = new ConcurrentHashMap<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final List<String> bindings = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final Correlator correlator = new Correlator(
            new CorrelatorConfig(Duration.ofSeconds(10), Duration.ofMinutes(10), 3, Duration.ofSeconds(3)),
            new Correlator.Ports(monitored::contains, healthy::get, conv -> {
                lookups.add(conv);
                return CompletableFuture.completedFuture(restAnswers.getOrDefault(conv, Optional.empty()));
            }, timers, clock.ticker(), new BindingListener() {
                @Override
                public void onBound(Binding b) {
                    bindings.add("bound:" + b.agentUserId());
                }

                @Override
                public void onRebound(Binding previous, Binding current) {
                    bindings.add("rebound:" + previous.agentUserId() + "->" + current.agentUserId());
                }

                @Override
                public void onUnbound(Binding b, String reason) {
                    bindings.add("unbound:" + b.agentUserId());
                }
            }),
            new CorrelatorMetrics(registry, clock));

    CorrelatorTest() {
        monitored.add(AGENT);
        monitored.add(AGENT_2);
    }

    private AgentConversationEvent event(String agent, boolean connected) {
        return new AgentConversationEvent(CONV, agent, connected, "c1e0a8b2-5f3d-4c7e-8a19-6b2d4e7f9a01", "tel:+35315550123",
                Map.of(), clock.instant().minusMillis(40), clock.instant());
    }

    @Test
    void resumesAtOpenWhenTheAgentEventArrivedFirst() {
        correlator.onEvent(event(AGENT, true));
        FakeSession s = new FakeSession(CONV);
        assertThat(correlator.onOpen(s, s.info())).isEqualTo(OpenDecision.resume());
        assertThat(bindings).containsExactly("bound:" + AGENT);
        assertThat(registry.counter("voicegate.gating.matched", "path", "event_first").count()).isEqualTo(1);
    }

    @Test
    void startsPausedThenResumesWhenTheEventArrivesWithinTheMatchTimeout() {
        FakeSession s = new FakeSession(CONV);
        assertThat(correlator.onOpen(s, s.info())).isEqualTo(OpenDecision.startPaused());
        timers.advance(Duration.ofSeconds(4));
        correlator.onEvent(event(AGENT, true));
        assertThat(s.calls).containsExactly("resume");
        timers.advance(Duration.ofSeconds(20));
        assertThat(s.calls).as("no timeout after binding").containsExactly("resume");
        assertThat(correlator.binding(s.sessionId())).hasValueSatisfying(b -> assertThat(b.agentUserId()).isEqualTo(AGENT));
    }

    @Test
    void disconnectsAtTheMatchTimeoutWhenNoEventComes() {
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        timers.advance(Duration.ofMillis(9_999));
        assertThat(s.calls).isEmpty();
        timers.advance(Duration.ofMillis(1));
        assertThat(s.calls).containsExactly("disconnect:completed:not a monitored conversation");
        assertThat(registry.counter("voicegate.gating.unmatched", "cause", "timeout").count()).isEqualTo(1);
    }

    @Test
    void ignoresEventsOfUnmonitoredAgents() {
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        correlator.onEvent(event(OUTSIDER, true));
        timers.advance(Duration.ofSeconds(10));
        assertThat(s.calls).containsExactly("disconnect:completed:not a monitored conversation");
    }

    @Test
    void letsConnectionProbesThroughWithoutTrackingThem() {
        FakeSession probe = new FakeSession(dev.voicegate.audiohook.api.OpenInfo.NIL_UUID, true);
        assertThat(correlator.onOpen(probe, probe.info())).isEqualTo(OpenDecision.resume());
        timers.advance(Duration.ofMinutes(1));
        assertThat(probe.calls).isEmpty();
        assertThat(lookups).isEmpty();
    }

    @Test
    void looksTheConversationUpOverRestShortlyBeforeTheDeadline() {
        restAnswers.put(CONV, Optional.of(event(AGENT, true)));
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        timers.advance(Duration.ofMillis(6_999));
        assertThat(lookups).isEmpty();
        timers.advance(Duration.ofMillis(1));
        assertThat(lookups).containsExactly(CONV);
        assertThat(s.calls).containsExactly("resume");
        assertThat(registry.counter("voicegate.gating.matched", "path", "rest_fallback").count()).isEqualTo(1);
    }

    @Test
    void looksUpAtOnceWhileNotificationsAreUnhealthy() {
        healthy.set(false);
        restAnswers.put(CONV, Optional.of(event(AGENT, true)));
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        assertThat(s.calls).containsExactly("resume");
    }

    @Test
    void looksUpWaitingStreamsWhenNotificationsBecomeUnhealthy() {
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        restAnswers.put(CONV, Optional.of(event(AGENT, true)));
        correlator.onNotificationHealth(false);
        assertThat(s.calls).containsExactly("resume");
    }

    @Test
    void restFallbackShowingAnUnmonitoredAgentDoesNotResume() {
        restAnswers.put(CONV, Optional.of(event(OUTSIDER, true)));
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        timers.advance(Duration.ofSeconds(10));
        assertThat(s.calls).containsExactly("disconnect:completed:not a monitored conversation");
    }

    @Test
    void rebindsOnTransferToAnotherMonitoredAgentInEitherEventOrder() {
        correlator.onEvent(event(AGENT, true));
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        correlator.onEvent(event(AGENT_2, true));
        correlator.onEvent(event(AGENT, false));
        assertThat(correlator.binding(s.sessionId())).hasValueSatisfying(b -> assertThat(b.agentUserId()).isEqualTo(AGENT_2));
        assertThat(bindings).containsExactly("bound:" + AGENT, "rebound:" + AGENT + "->" + AGENT_2);
        assertThat(s.calls).isEmpty();
    }

    @Test
    void pausesWhenTheAgentLeavesAndRebindsWhenAMonitoredAgentTakesOver() {
        correlator.onEvent(event(AGENT, true));
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        correlator.onEvent(event(AGENT, false));
        assertThat(s.calls).containsExactly("pause");
        timers.advance(Duration.ofSeconds(5));
        correlator.onEvent(event(AGENT_2, true));
        assertThat(s.calls).containsExactly("pause", "resume");
        assertThat(registry.counter("voicegate.gating.matched", "path", "rebound").count()).isEqualTo(1);
    }

    @Test
    void releasesAStreamTransferredToAnUnmonitoredAgentAfterTheMatchTimeout() {
        correlator.onEvent(event(AGENT, true));
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        correlator.onEvent(event(AGENT, false));
        correlator.onEvent(event(OUTSIDER, true));
        timers.advance(Duration.ofSeconds(10));
        assertThat(s.calls).containsExactly("pause", "disconnect:completed:not a monitored conversation");
        assertThat(bindings).containsExactly("bound:" + AGENT, "unbound:" + AGENT);
        assertThat(registry.counter("voicegate.gating.unmatched", "cause", "agent_left").count()).isEqualTo(1);
    }

    @Test
    void pausesStreamsOfAgentsRemovedFromTheDirectory() {
        correlator.onEvent(event(AGENT, true));
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        monitored.remove(AGENT);
        correlator.agentsRemoved(Set.of(AGENT));
        assertThat(s.calls).containsExactly("pause");
        FakeSession later = new FakeSession(CONV);
        assertThat(correlator.onOpen(later, later.info())).as("the agent's remembered event is forgotten")
                .isEqualTo(OpenDecision.startPaused());
    }

    @Test
    void forgetsEventsAfterTheirTtl() {
        correlator.onEvent(event(AGENT, true));
        timers.advance(Duration.ofMinutes(10));
        FakeSession s = new FakeSession(CONV);
        assertThat(correlator.onOpen(s, s.info())).isEqualTo(OpenDecision.startPaused());
    }

    @Test
    void anEndedEventBeforeOpenMeansTheStreamWaits() {
        correlator.onEvent(event(AGENT, true));
        correlator.onEvent(event(AGENT, false));
        FakeSession s = new FakeSession(CONV);
        assertThat(correlator.onOpen(s, s.info())).isEqualTo(OpenDecision.startPaused());
    }

    @Test
    void rejectsNewStreamsBeyondTheBoundOnWaitingStreams() {
        for (int i = 0; i < 3; i++) {
            FakeSession s = new FakeSession("conv-" + i);
            assertThat(correlator.onOpen(s, s.info())).isEqualTo(OpenDecision.startPaused());
        }
        FakeSession fourth = new FakeSession("conv-4");
        assertThat(correlator.onOpen(fourth, fourth.info())).isInstanceOf(OpenDecision.Reject.class)
                .extracting(d -> ((OpenDecision.Reject) d).reason()).isEqualTo(DisconnectReason.ERROR);
        assertThat(registry.get("voicegate.gating.pending.sessions").gauge().value()).isEqualTo(3);
    }

    @Test
    void closingAWaitingStreamCancelsItsTimeout() {
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        correlator.onClose(s);
        timers.advance(Duration.ofSeconds(20));
        assertThat(s.calls).isEmpty();
        assertThat(lookups).isEmpty();
    }

    @Test
    void closingABoundStreamUnbindsIt() {
        correlator.onEvent(event(AGENT, true));
        FakeSession s = new FakeSession(CONV);
        correlator.onOpen(s, s.info());
        correlator.onClose(s);
        assertThat(bindings).containsExactly("bound:" + AGENT, "unbound:" + AGENT);
        assertThat(correlator.binding(s.sessionId())).isEmpty();
    }
}
