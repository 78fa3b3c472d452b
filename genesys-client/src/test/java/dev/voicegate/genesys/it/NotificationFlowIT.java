package dev.voicegate.genesys.it;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationFlowIT {

    private FakeGenesysHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void subscribedAgentsCallsArriveAsConnectedThenEndedEvents() throws Exception {
        h = new FakeGenesysHarness(FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofMillis(200)),
                FakeGenesysHarness.fastLiveness());
        String ann = h.fake.addAgent("Ann");
        String bob = h.fake.addAgent("Bob");
        h.client.notifications().setMonitoredAgents(Set.of(ann));
        h.client.notifications().start();
        FakeGenesysHarness.await("healthy", h.client.notifications()::healthy);

        String conv = h.fake.startCall(ann, "tel:+35315550123", "tel:+35315550999");
        ConversationEvent connected = h.nextEvent(e -> e.conversationId().equals(conv));
        assertThat(connected.kind()).isEqualTo(ConversationEvent.Kind.AGENT_CONNECTED);
        assertThat(connected.agentUserId()).isEqualTo(ann);
        assertThat(connected.customerAni()).isEqualTo("tel:+35315550123");
        assertThat(connected.dnis()).isEqualTo("tel:+35315550999");
        assertThat(connected.customerParticipantId())
                .isEqualTo(h.fake.conversation(conv).orElseThrow().customerParticipantId());

        h.fake.republish(conv); // the same snapshot again: deduplicated
        String unmonitored = h.fake.startCall(bob, "tel:+1555", "tel:+1666");
        h.fake.endCall(conv);
        ConversationEvent ended = h.nextEvent(e -> e.conversationId().equals(conv)
                && e.kind() == ConversationEvent.Kind.AGENT_ENDED);
        assertThat(h.events.stream().filter(e -> e.conversationId().equals(conv))).hasSize(2); // republish deduplicated
        assertThat(ended.kind()).isEqualTo(ConversationEvent.Kind.AGENT_ENDED);
        assertThat(h.events).noneMatch(e -> e.conversationId().equals(unmonitored));
        assertThat(h.fake.subscribedTopics(h.fake.connectedChannelIds().get(0)))
                .containsExactly("v2.users." + ann + ".conversations");
    }

    @Test
    void transferBetweenMonitoredAgentsEndsOneAndConnectsTheOther() throws Exception {
        h = new FakeGenesysHarness(FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofMillis(200)),
                FakeGenesysHarness.fastLiveness());
        String ann = h.fake.addAgent("Ann");
        String bob = h.fake.addAgent("Bob");
        h.client.notifications().setMonitoredAgents(Set.of(ann, bob));
        h.client.notifications().start();
        FakeGenesysHarness.await("healthy", h.client.notifications()::healthy);

        String conv = h.fake.startCall(ann, "tel:+35315550123", "tel:+35315550999");
        ConversationEvent annConnected = h.nextEvent(e -> e.conversationId().equals(conv) && e.agentUserId().equals(ann));
        h.fake.transfer(conv, bob);
        ConversationEvent annEnded = h.nextEvent(e -> e.agentUserId().equals(ann)
                && e.kind() == ConversationEvent.Kind.AGENT_ENDED);
        ConversationEvent bobConnected = h.nextEvent(e -> e.agentUserId().equals(bob));
        assertThat(annEnded.agentParticipantId()).isEqualTo(annConnected.agentParticipantId());
        assertThat(bobConnected.kind()).isEqualTo(ConversationEvent.Kind.AGENT_CONNECTED);
        assertThat(bobConnected.agentParticipantId()).isNotEqualTo(annConnected.agentParticipantId());
        assertThat(bobConnected.customerParticipantId()).isEqualTo(annConnected.customerParticipantId());
    }

    @Test
    void unreadableEventIsCountedAndDoesNotStopLaterEvents() throws Exception {
        h = new FakeGenesysHarness(FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofMillis(200)),
                FakeGenesysHarness.fastLiveness());
        String ann = h.fake.addAgent("Ann");
        h.client.notifications().setMonitoredAgents(Set.of(ann));
        h.client.notifications().start();
        FakeGenesysHarness.await("healthy", h.client.notifications()::healthy);
        FakeGenesysHarness.await("socket attached", () -> h.fake.connectedSockets() == 1);

        var noId = dev.voicegate.testing.genesys.ConversationEventBodies.JSON.createObjectNode();
        noId.putArray("participants");
        assertThat(h.fake.sendRawEvent("v2.users." + ann + ".conversations", noId)).isEqualTo(1);
        FakeGenesysHarness.await("counted", () -> h.counter("voicegate.genesys.events.received", "type", "unparseable") == 1);
        String conv = h.fake.startCall(ann, "tel:+1", "tel:+2");
        assertThat(h.nextEvent(e -> e.conversationId().equals(conv)).kind()).isEqualTo(ConversationEvent.Kind.AGENT_CONNECTED);
        assertThat(h.client.notifications().healthy()).isTrue();
    }
}
