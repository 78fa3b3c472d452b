package dev.voicegate.genesys.it;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.voicegate.genesys.it.FakeGenesysHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

class ShardingAndLimitsIT {

    private FakeGenesysHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void fifteenHundredAgentsUseTwoChannelsWithinTheThousandTopicLimit() throws Exception {
        h = new FakeGenesysHarness(FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofMillis(200)),
                FakeGenesysHarness.fastLiveness());
        Set<String> agents = new LinkedHashSet<>();
        for (int i = 0; i < 1500; i++) {
            agents.add(h.fake.addAgent("Agent " + i));
        }
        h.client.notifications().setMonitoredAgents(agents);
        h.client.notifications().start();
        await("healthy", h.client.notifications()::healthy);
        await("two sockets", () -> h.fake.connectedSockets() == 2);

        List<String> channels = h.fake.connectedChannelIds();
        assertThat(channels).hasSize(2);
        Set<String> all = new HashSet<>();
        for (String ch : channels) {
            List<String> topics = h.fake.subscribedTopics(ch);
            assertThat(topics.size()).isLessThanOrEqualTo(1000);
            all.addAll(topics);
        }
        assertThat(all).hasSize(1500);
        assertThat(h.counter("voicegate.genesys.channel.failures", "step", "subscribe")).isZero();

        String first = agents.iterator().next();
        String last = agents.stream().reduce((a, b) -> b).orElseThrow();
        String c1 = h.fake.startCall(first, "tel:+1", "tel:+2");
        String c2 = h.fake.startCall(last, "tel:+3", "tel:+4");
        assertThat(h.nextEvent(e -> e.conversationId().equals(c1)).agentUserId()).isEqualTo(first);
        assertThat(h.nextEvent(e -> e.conversationId().equals(c2)).agentUserId()).isEqualTo(last);
    }

    @Test
    void rateLimitStormOnSubscriptionCallsIsWaitedOutAndEventsThenFlow() throws Exception {
        h = new FakeGenesysHarness(FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofMillis(200)),
                FakeGenesysHarness.fastLiveness());
        String ann = h.fake.addAgent("Ann");
        h.fake.rateLimitNext("PUT", "/api/v2/notifications/channels/.*/subscriptions", 1, 3);
        h.client.notifications().setMonitoredAgents(Set.of(ann));
        h.client.notifications().start();
        await("healthy", h.client.notifications()::healthy);
        assertThat(h.fake.requestCount("PUT", "/api/v2/notifications/channels/.*/subscriptions")).isEqualTo(4);
        assertThat(h.fake.connectedChannelIds()).hasSize(1);
        String conv = h.fake.startCall(ann, "tel:+1", "tel:+2");
        assertThat(h.nextEvent(e -> e.conversationId().equals(conv)).kind())
                .isEqualTo(ConversationEvent.Kind.AGENT_CONNECTED);
    }
}
