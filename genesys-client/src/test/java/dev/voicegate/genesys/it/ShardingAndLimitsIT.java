package dev.voicegate.genesys.it;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
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

    /**
     * The soak finding of issue 11: after a channel expiry, re-creation waited about 2 minutes behind
     * conversation look-ups retried through a 429 storm. Channel management has its own lane: the new
     * channel's POST and PUT overtake the queued look-ups (while still waiting out every Retry-After).
     */
    @Test
    void channelRecreationAfterExpiryOvertakesLookUpsQueuedInA429Storm() throws Exception {
        h = new FakeGenesysHarness(FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofMillis(200)),
                FakeGenesysHarness.fastLiveness());
        String ann = h.fake.addAgent("Ann");
        h.client.notifications().setMonitoredAgents(Set.of(ann));
        h.client.notifications().start();
        await("healthy", h.client.notifications()::healthy);
        String oldChannel = h.fake.connectedChannelIds().get(0);

        int lookUps = 150; // at the default 240/min these take more than 30 s to get through
        h.fake.rateLimitNext("GET", "/api/v2/conversations/.*", 1, 30);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < lookUps; i++) {
            pending.add(h.client.conversation("conv-" + i));
        }
        int logAtFault = h.fake.requestLog().size();
        h.fake.expireAllChannels();

        await("a new channel subscribed", () -> h.fake.requestLog().stream().skip(logAtFault)
                .anyMatch(r -> r.startsWith("PUT /api/v2/notifications/channels/") && !r.contains(oldChannel)));
        List<String> afterFault = h.fake.requestLog().subList(logAtFault, h.fake.requestLog().size());
        int post = afterFault.indexOf("POST /api/v2/notifications/channels");
        int put = indexOf(afterFault, r -> r.startsWith("PUT /api/v2/notifications/channels/") && !r.contains(oldChannel));
        assertThat(post).as("channel re-created after the fault").isGreaterThanOrEqualTo(0).isLessThan(put);
        long lookUpsBeforePost = afterFault.subList(0, post).stream().filter(r -> r.startsWith("GET /api/v2/conversations/")).count();
        long lookUpsBetween = afterFault.subList(post, put).stream().filter(r -> r.startsWith("GET /api/v2/conversations/")).count();
        // only look-ups already in flight or admitted while the expiry was being noticed go first
        assertThat(lookUpsBeforePost).as("look-ups sent between the fault and the channel POST").isLessThanOrEqualTo(30);
        assertThat(lookUpsBetween).as("look-ups sent between the channel POST and its PUT").isLessThanOrEqualTo(10);
        Set<String> lookedUp = new HashSet<>();
        h.fake.requestLog().subList(0, logAtFault + put).stream().filter(r -> r.startsWith("GET /api/v2/conversations/"))
                .forEach(lookedUp::add);
        assertThat(lookUps - lookedUp.size()).as("look-ups still waiting when the new channel was subscribed")
                .isGreaterThanOrEqualTo(50);
        assertThat(h.counter("voicegate.genesys.requests", "outcome", "rate_limited"))
                .as("the re-creation happened inside the 429 storm").isGreaterThanOrEqualTo(1);

        await("healthy on the new channel", () -> h.client.notifications().healthy()
                && !h.fake.connectedChannelIds().isEmpty() && !h.fake.connectedChannelIds().contains(oldChannel));
        pending.forEach(f -> f.cancel(false));
    }

    private static int indexOf(List<String> log, java.util.function.Predicate<String> match) {
        for (int i = 0; i < log.size(); i++) {
            if (match.test(log.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
