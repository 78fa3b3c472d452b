package dev.voicegate.genesys.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.engine.ConversationTracker;
import dev.voicegate.genesys.protocol.NotificationMessage;
import dev.voicegate.testing.genesys.ConversationEventBodies;
import dev.voicegate.testing.genesys.FakeConversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Throughput of the notification hot path: parse a {@code v2.users.{id}.conversations} envelope
 * (real shape, from the fake's builders) and run it through the de-duplicating tracker.
 * Run: {@code mvn -q -pl genesys-client test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.voicegate.genesys.bench.EventPipelineBench}
 */
public final class EventPipelineBench {

    public static void main(String[] args) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        List<String> messages = new ArrayList<>();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        for (int i = 0; i < 2000; i++) {
            String agent = UUID.randomUUID().toString();
            FakeConversation c = new FakeConversation(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    "tel:+3531555" + i, "tel:+35315550999", t0);
            c.addLeg(new FakeConversation.AgentLeg(UUID.randomUUID().toString(), agent, null, "connected", t0, null, null));
            String topic = ConversationEventBodies.userConversationsTopic(agent);
            messages.add(ConversationEventBodies.envelope(topic, ConversationEventBodies.conversationEventBody(c)));
            messages.add(ConversationEventBodies.envelope(topic, ConversationEventBodies.conversationEventBody(c))); // duplicate
            c.end(t0.plusSeconds(60));
            messages.add(ConversationEventBodies.envelope(topic, ConversationEventBodies.conversationEventBody(c)));
        }
        long[] ticker = {0};
        int rounds = 7;
        int perRound = 300_000;
        double[] rates = new double[rounds];
        long emitted = 0;
        for (int r = 0; r < rounds; r++) {
            ConversationTracker tracker = new ConversationTracker(100_000, Duration.ofHours(2), () -> ticker[0]);
            long start = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                var m = NotificationMessage.parse(json, messages.get(i % messages.size()));
                if (m instanceof NotificationMessage.ConversationUpdate u
                        && tracker.update(u.userId(), u.snapshot(), t0).isPresent()) {
                    emitted++;
                }
                ticker[0] += 1000;
            }
            rates[r] = perRound / ((System.nanoTime() - start) / 1e9);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf("messages/s per round: %s%nmedian: %.0f messages/s (%.1f us/message); events emitted: %d%n",
                Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()), sorted[rounds / 2],
                1e6 / sorted[rounds / 2], emitted);
    }
}
