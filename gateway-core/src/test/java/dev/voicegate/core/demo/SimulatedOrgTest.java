package dev.voicegate.core.demo;

import dev.voicegate.core.directory.MemberSource;
import dev.voicegate.core.gating.AgentConversationEvent;
import dev.voicegate.core.genesys.OrgPorts;
import dev.voicegate.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedOrgTest {
    private static final DemoCast.Agent MONITORED = new DemoCast.Agent("agent-1", "Alice", true);
    private static final DemoCast.Agent OTHER = new DemoCast.Agent("agent-2", "Sam", false);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final ManualTimers timers = new ManualTimers();
    private final SimulatedOrg org = new SimulatedOrg(List.of(MONITORED, OTHER), timers, clock);
    private final List<AgentConversationEvent> events = new ArrayList<>();

    SimulatedOrgTest() {
        org.onEvents(events::add);
        org.setMonitoredAgents(Set.of(MONITORED.userId()));
        org.start();
    }

    @Test
    void monitoredGroupListsOnlyTheMonitoredAgents() {
        List<MemberSource.Member> members = org.members().groupMembers(DemoCast.MONITORED_GROUP).toCompletableFuture().join();

        assertThat(members).containsExactly(new MemberSource.Member("agent-1", "Alice"));
    }

    @Test
    void unknownGroupOrQueueFailsWithTheNameInTheMessage() {
        assertThatThrownBy(() -> org.members().groupMembers("sales").toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasMessageContaining("group 'sales' does not exist");
        assertThatThrownBy(() -> org.members().queueMembers("q1").toCompletableFuture().join())
                .hasMessageContaining("queue 'q1' does not exist");
    }

    @Test
    void connectedEventArrivesOnlyAfterItsDelayWithAttributes() {
        org.connect("conv-1", MONITORED, "cust-p", "+15555550101", Map.of("customerId", "C-1"), Duration.ofMillis(800));

        timers.advance(Duration.ofMillis(799));
        assertThat(events).isEmpty();
        timers.advance(Duration.ofMillis(1));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.conversationId()).isEqualTo("conv-1");
            assertThat(e.agentUserId()).isEqualTo("agent-1");
            assertThat(e.connected()).isTrue();
            assertThat(e.attributes()).containsEntry("customerId", "C-1");
            assertThat(e.customerParticipantId()).isEqualTo("cust-p");
        });
    }

    @Test
    void unsubscribedAgentsCallsProduceNoEventsButAreVisibleToLookups() {
        org.connect("conv-2", OTHER, "cust-p", "+15555550177", Map.of(), Duration.ZERO);
        timers.advance(Duration.ofSeconds(1));

        assertThat(events).isEmpty();
        Optional<AgentConversationEvent> found = org.lookup().connectedAgent("conv-2").toCompletableFuture().join();
        assertThat(found).hasValueSatisfying(e -> assertThat(e.agentUserId()).isEqualTo("agent-2"));
    }

    @Test
    void endedCallSendsDisconnectedEventAndDisappearsFromLookups() {
        org.connect("conv-3", MONITORED, "cust-p", "+15555550101", Map.of(), Duration.ZERO);
        timers.advance(Duration.ZERO);
        assertThat(org.busy("agent-1")).isTrue();

        org.end("conv-3", Duration.ofMillis(200));
        assertThat(org.lookup().connectedAgent("conv-3").toCompletableFuture().join()).isEmpty();
        assertThat(org.busy("agent-1")).isFalse();
        timers.advance(Duration.ofMillis(200));

        assertThat(events).extracting(AgentConversationEvent::connected).containsExactly(true, false);
    }

    @Test
    void attributeWritesAreRecordedAcknowledgedAndAnnounced() {
        List<SimulatedOrg.AttributeWrite> announced = new ArrayList<>();
        org.onAttributeWrite(announced::add);
        org.writeAttributes("conv-4", "cust-p", Map.of("BioResult", "TRUE_HIGH")).toCompletableFuture().join();

        assertThat(org.attributeWrites()).containsExactly(
                new SimulatedOrg.AttributeWrite("conv-4", "cust-p", Map.of("BioResult", "TRUE_HIGH")));
        assertThat(announced).isEqualTo(org.attributeWrites());
    }

    @Test
    void userTokensAreAlwaysRefused() {
        assertThatThrownBy(() -> org.userForToken("any").toCompletableFuture().join())
                .hasCauseInstanceOf(OrgPorts.InvalidUserTokenException.class)
                .hasMessageContaining("local demo token");
    }

    @Test
    void healthFollowsStartAndClose() {
        List<Boolean> health = new ArrayList<>();
        SimulatedOrg fresh = new SimulatedOrg(List.of(MONITORED), timers, clock);
        fresh.onHealth(health::add);
        assertThat(fresh.healthy()).isFalse();

        fresh.start();
        assertThat(fresh.healthy()).isTrue();
        fresh.close();

        assertThat(fresh.healthy()).isFalse();
        assertThat(health).containsExactly(true, false);
    }

    @Test
    void noEventsAreDeliveredAfterClose() {
        org.connect("conv-5", MONITORED, "cust-p", "+15555550101", Map.of(), Duration.ofMillis(100));
        org.close();
        timers.advance(Duration.ofSeconds(1));

        assertThat(events).isEmpty();
    }
}
