package dev.voicegate.genesys.it;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

        // Calls keep coming for ~9 s: two token lifetimes, so at least two rotations happen meanwhile.
        List<String> calls = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(9);
        while (System.nanoTime() < end) {
            calls.add(h.fake.startCall(ann, "tel:+35315550123", "tel:+35315550999"));
            TimeUnit.MILLISECONDS.sleep(40); // pacing the load generator, not synchronisation
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
