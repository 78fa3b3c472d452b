package dev.voicegate.genesys.it;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.voicegate.genesys.it.FakeGenesysHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Socket-level faults on one channel: the client recovers and keeps delivering events. */
class ChannelResilienceIT {

    private FakeGenesysHarness h;
    private String ann;

    @BeforeEach
    void start() throws Exception {
        h = new FakeGenesysHarness(FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofMillis(200)),
                FakeGenesysHarness.fastLiveness());
        ann = h.fake.addAgent("Ann");
        h.client.notifications().setMonitoredAgents(Set.of(ann));
        h.client.notifications().start();
        await("healthy", h.client.notifications()::healthy);
        await("socket attached", () -> h.fake.connectedSockets() == 1);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void assertCallDelivered() throws InterruptedException {
        String conv = h.fake.startCall(ann, "tel:+35315550123", "tel:+35315550999");
        ConversationEvent e = h.nextEvent(ev -> ev.conversationId().equals(conv));
        assertThat(e.kind()).isEqualTo(ConversationEvent.Kind.AGENT_CONNECTED);
    }

    /** Waits until health went down and then up again after the fault (the client saw and fixed it). */
    private void awaitRecovered(int healthChangesBefore) throws InterruptedException {
        await("unhealthy then healthy", () -> {
            List<String> all = List.copyOf(h.health); // a snapshot: the client appends while we look
            List<String> after = all.subList(Math.min(healthChangesBefore, all.size()), all.size());
            int down = after.indexOf(after.stream().filter(x -> x.startsWith("false:")).findFirst().orElse("none"));
            return down >= 0 && after.subList(down, after.size()).stream().anyMatch(x -> x.startsWith("true:"));
        });
    }

    @Test
    void droppedSocketIsReconnectedToTheSameChannelWithSubscriptionsKept() throws Exception {
        List<String> channelsBefore = h.fake.connectedChannelIds();
        int before = h.health.size();
        h.fake.dropSockets();
        await("reconnect counted", () -> h.counter("voicegate.genesys.channel.reconnects", "reason", "socket_closed") >= 1);
        awaitRecovered(before);
        await("socket attached", () -> h.fake.connectedSockets() == 1);
        assertThat(h.fake.connectedChannelIds()).isEqualTo(channelsBefore);
        assertCallDelivered();
    }

    @Test
    void stoppedHeartbeatsTriggerWatchdogReconnectAndUnhealthyUntilTheyResume() throws Exception {
        h.fake.stopHeartbeats();
        await("watchdog reconnect", () -> h.counter("voicegate.genesys.channel.reconnects", "reason", "heartbeat_timeout") >= 1);
        await("unhealthy", () -> !h.client.notifications().healthy());
        assertThat(h.health).anyMatch(s -> s.startsWith("false:"));
        h.fake.resumeHeartbeats();
        await("healthy again", h.client.notifications()::healthy);
        await("socket attached", () -> h.fake.connectedSockets() == 1);
        assertCallDelivered();
    }

    @Test
    void socketClosingReconnectsMakeBeforeBreakOnTheSameChannelWithoutTurningUnhealthy() throws Exception {
        List<String> channelsBefore = h.fake.connectedChannelIds();
        int healthChanges = h.health.size();
        h.fake.sendSocketClosing(Duration.ofSeconds(30));
        await("reconnect counted", () -> h.counter("voicegate.genesys.channel.reconnects", "reason", "socket_closing") >= 1);
        await("one socket", () -> h.fake.connectedSockets() == 1);
        assertCallDelivered();
        assertThat(h.fake.connectedChannelIds()).isEqualTo(channelsBefore);
        List<String> all = List.copyOf(h.health);
        assertThat(all.subList(Math.min(healthChanges, all.size()), all.size())).noneMatch(s -> s.startsWith("false:"));
    }

    @Test
    void secondConnectionKickingOursIsRecoveredByReconnecting() throws Exception {
        int before = h.health.size();
        h.fake.kickWithSecondConnection(h.fake.connectedChannelIds().get(0));
        await("reconnect counted", () -> h.counter("voicegate.genesys.channel.reconnects", "reason", "socket_closed") >= 1);
        awaitRecovered(before);
        assertCallDelivered();
    }

    @Test
    void noLongerSubscribedRotatesToANewChannel() throws Exception {
        String old = h.fake.connectedChannelIds().get(0);
        h.fake.sendNoLongerSubscribed();
        await("rotation", () -> h.counter("voicegate.genesys.channel.rotations", "reason", "no_longer_subscribed") >= 1);
        await("unhealthy while subscriptions are lost", () -> h.health.stream().anyMatch(s -> s.startsWith("false:")));
        await("healthy", h.client.notifications()::healthy);
        await("new channel attached", () -> h.fake.connectedChannelIds().size() == 1
                && !h.fake.connectedChannelIds().contains(old));
        assertThat(h.fake.subscribedTopics(h.fake.connectedChannelIds().get(0))).hasSize(1);
        assertCallDelivered();
    }

    @Test
    void expiredChannelIsReplacedAfterTheDeadChannelSignal() throws Exception {
        String old = h.fake.connectedChannelIds().get(0);
        int before = h.health.size();
        h.fake.expireChannel(old);
        await("rotation", () -> h.counter("voicegate.genesys.channel.rotations", "reason", "channel_gone") >= 1);
        awaitRecovered(before);
        assertThat(h.fake.connectedChannelIds()).hasSize(1).doesNotContain(old);
        assertCallDelivered();
    }

    @Test
    void agentsAddedAndRemovedAtRuntimeAreResubscribedWithTheFullSet() throws Exception {
        String bob = h.fake.addAgent("Bob");
        h.client.notifications().setMonitoredAgents(Set.of(bob));
        String channel = h.fake.connectedChannelIds().get(0);
        await("resubscribed", () -> h.fake.subscribedTopics(channel).equals(List.of("v2.users." + bob + ".conversations")));
        String conv = h.fake.startCall(bob, "tel:+1", "tel:+2");
        assertThat(h.nextEvent(e -> e.conversationId().equals(conv)).agentUserId()).isEqualTo(bob);
    }
}
