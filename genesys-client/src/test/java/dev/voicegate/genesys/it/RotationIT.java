package dev.voicegate.genesys.it;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.voicegate.genesys.it.FakeGenesysHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

class RotationIT {

    private FakeGenesysHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void shortLivedTokensRotateChannelsBeforeExpiryWithoutLosingEvents() throws Exception {
        h = new FakeGenesysHarness(FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofMillis(200))
                .tokenLifetime(Duration.ofSeconds(4)), FakeGenesysHarness.fastLiveness().withRotationFraction(0.5));
        String ann = h.fake.addAgent("Ann");
        h.client.notifications().setMonitoredAgents(Set.of(ann));
        h.client.notifications().start();
        await("healthy", h.client.notifications()::healthy);

        // A call every 40 ms for ~9 s: two token lifetimes, so several rotations happen meanwhile.
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch allStarted = new CountDownLatch(1);
        ScheduledExecutorService generator = Executors.newSingleThreadScheduledExecutor();
        try {
            generator.scheduleAtFixedRate(() -> {
                if (calls.size() < 225) {
                    calls.add(h.fake.startCall(ann, "tel:+35315550123", "tel:+35315550999"));
                } else {
                    allStarted.countDown();
                }
            }, 0, 40, TimeUnit.MILLISECONDS);
            assertThat(allStarted.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            generator.shutdownNow();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < calls.size(); i++) {
            ConversationEvent e = h.nextEvent(ev -> ev.kind() == ConversationEvent.Kind.AGENT_CONNECTED
                    && !seen.contains(ev.conversationId()));
            seen.add(e.conversationId());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(calls);
        assertThat(h.counter("voicegate.genesys.channel.rotations", "reason", "lifetime")).isGreaterThanOrEqualTo(2);
        assertThat(h.fake.appTokensIssued()).isGreaterThanOrEqualTo(3);
        assertThat(h.counter("voicegate.genesys.channel.rotations", "reason", "channel_gone")).isZero();
        // the overlap of old and new channel delivered nothing twice
        assertThat(h.events.stream().filter(e -> e.kind() == ConversationEvent.Kind.AGENT_CONNECTED).count())
                .isEqualTo(calls.size());
    }
}
