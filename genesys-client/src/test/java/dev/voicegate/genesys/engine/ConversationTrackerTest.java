package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.genesys.api.ConversationSnapshot;
import dev.voicegate.genesys.api.ConversationSnapshot.AgentLeg;
import dev.voicegate.genesys.api.ConversationSnapshot.LegState;
import dev.voicegate.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTrackerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final ManualClock clock = new ManualClock(NOW);
    private final ConversationTracker tracker = new ConversationTracker(3, Duration.ofMinutes(10), clock.ticker());

    private static ConversationSnapshot snap(String conv, AgentLeg... legs) {
        return new ConversationSnapshot(conv, List.of(legs), "cust", "tel:+1", "tel:+2", Map.of());
    }

    private static AgentLeg leg(String user, String participant, LegState state) {
        return new AgentLeg(user, participant, state, null, null);
    }

    @Test
    void repeatedSnapshotsOfTheSameStateEmitOnce() {
        ConversationSnapshot connected = snap("c1", leg("ann", "p1", LegState.CONNECTED));
        assertThat(tracker.update("ann", connected, NOW)).map(ConversationEvent::kind).contains(ConversationEvent.Kind.AGENT_CONNECTED);
        assertThat(tracker.update("ann", connected, NOW)).isEmpty();
        assertThat(tracker.update("ann", connected, NOW)).isEmpty();
        assertThat(tracker.duplicates()).isEqualTo(2);
        ConversationSnapshot ended = snap("c1", leg("ann", "p1", LegState.ENDED));
        assertThat(tracker.update("ann", ended, NOW)).map(ConversationEvent::kind).contains(ConversationEvent.Kind.AGENT_ENDED);
        assertThat(tracker.update("ann", ended, NOW)).isEmpty();
    }

    @Test
    void alertingSnapshotsEmitNothing() {
        assertThat(tracker.update("ann", snap("c1", leg("ann", "p1", LegState.PENDING)), NOW)).isEmpty();
        assertThat(tracker.size()).isZero();
    }

    @Test
    void transferBackToTheSameAgentOnANewLegEmitsConnectedAgain() {
        tracker.update("ann", snap("c1", leg("ann", "p1", LegState.CONNECTED)), NOW);
        tracker.update("ann", snap("c1", leg("ann", "p1", LegState.ENDED), leg("bob", "p2", LegState.CONNECTED)), NOW);
        var back = tracker.update("ann", snap("c1", leg("ann", "p1", LegState.ENDED), leg("bob", "p2", LegState.ENDED),
                leg("ann", "p3", LegState.CONNECTED)), NOW);
        assertThat(back).map(ConversationEvent::agentParticipantId).contains("p3");
    }

    @Test
    void memoryIsBoundedByCapacityAndTtl() {
        for (int i = 0; i < 5; i++) {
            tracker.update("ann", snap("c" + i, leg("ann", "p", LegState.CONNECTED)), NOW);
        }
        assertThat(tracker.size()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(11));
        tracker.update("ann", snap("fresh", leg("ann", "p", LegState.CONNECTED)), NOW);
        assertThat(tracker.size()).isEqualTo(1);
        // an evicted pair is reported again: better a repeat than a miss
        assertThat(tracker.update("ann", snap("c0", leg("ann", "p", LegState.CONNECTED)), NOW)).isPresent();
    }
}
