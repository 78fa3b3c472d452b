package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.Views;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.config.NotifierLimits;
import dev.voicegate.notifier.protocol.Outbound.Kind;
import dev.voicegate.notifier.protocol.WireCodec;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionHubTest {

    private final ManualClock clock = new ManualClock(Views.T0);
    private final NotifierMetrics metrics = new NotifierMetrics(new SimpleMeterRegistry());
    private final SubscriptionHub hub = new SubscriptionHub(new WireCodec(), NotifierLimits.defaults().withMaxClients(3),
            metrics, clock.ticker());
    private final RecordingSink alice = new RecordingSink(AgentPrincipal.agent("alice", "Alice"));
    private final RecordingSink bob = new RecordingSink(AgentPrincipal.agent("bob", "Bob"));

    @Test
    void clientGetsHelloThenSnapshotOfItsLiveConversationsOnly() {
        hub.bind("c1", "alice");
        hub.bind("c2", "bob");
        hub.publish("alice", Views.verified("c1"));
        hub.publish("bob", Views.verified("c2"));

        hub.register(alice);

        assertThat(alice.kinds()).containsExactly(Kind.HELLO, Kind.SNAPSHOT);
        assertThat(alice.received.get(1).json()).contains("\"conversationId\":\"c1\"").doesNotContain("c2");
    }

    @Test
    void publishReachesOnlyTheBoundAgentsClients() {
        hub.register(alice);
        hub.register(bob);
        hub.bind("c1", "alice");

        assertThat(hub.publish("alice", Views.verified("c1"))).isTrue();
        assertThat(hub.progress("alice", Views.progress("c1", 3))).isTrue();

        assertThat(alice.kinds()).containsExactly(Kind.HELLO, Kind.SNAPSHOT, Kind.CONVERSATION, Kind.PROGRESS);
        assertThat(bob.kinds()).containsExactly(Kind.HELLO, Kind.SNAPSHOT);
    }

    @Test
    void publishForAnotherAgentsConversationIsDroppedAndCounted() {
        hub.register(bob);
        hub.bind("c1", "alice");

        assertThat(hub.publish("bob", Views.verified("c1"))).isFalse();
        assertThat(hub.progress("bob", Views.progress("c1", 1))).isFalse();
        assertThat(hub.publish("bob", Views.verified("unbound"))).isFalse();

        assertThat(bob.kinds()).containsExactly(Kind.HELLO, Kind.SNAPSHOT);
        assertThat(metrics.count("voicegate.notifier.publish.rejected")).isEqualTo(3);
    }

    @Test
    void rebindingMovesTheConversationAndTellsThePreviousAgent() {
        hub.register(alice);
        hub.register(bob);
        hub.bind("c1", "alice");
        hub.publish("alice", Views.verified("c1"));

        hub.bind("c1", "bob");

        assertThat(alice.kinds()).endsWith(Kind.REMOVED);
        assertThat(hub.boundAgentOf("c1")).isEqualTo("bob");
        assertThat(hub.publish("alice", Views.verified("c1"))).isFalse();
    }

    @Test
    void unbindTellsTheAgentAndEmptiesLaterSnapshots() {
        hub.register(alice);
        hub.bind("c1", "alice");
        hub.publish("alice", Views.verified("c1"));
        hub.unbind("c1");
        hub.unbind("c1");

        assertThat(alice.kinds()).containsExactly(Kind.HELLO, Kind.SNAPSHOT, Kind.CONVERSATION, Kind.REMOVED);
        RecordingSink again = new RecordingSink(alice.principal());
        hub.register(again);
        assertThat(again.received.get(1).json()).isEqualTo("{\"type\":\"snapshot\",\"conversations\":[]}");
    }

    @Test
    void registrationBeyondMaxClientsIsRefused() {
        assertThat(hub.register(alice)).isTrue();
        assertThat(hub.register(bob)).isTrue();
        assertThat(hub.register(new RecordingSink(AgentPrincipal.agent("carol", "")))).isTrue();

        assertThat(hub.hasCapacity()).isFalse();
        assertThat(hub.register(new RecordingSink(AgentPrincipal.agent("dave", "")))).isFalse();
        hub.unregister(bob);
        assertThat(hub.hasCapacity()).isTrue();
        assertThat(hub.connectedClients("alice")).isEqualTo(1);
        assertThat(hub.clientCount()).isEqualTo(2);
    }

    @Test
    void bindingIdlePastTheTtlIsSweptAndTheAgentTold() {
        hub.register(alice);
        hub.bind("c1", "alice");
        hub.bind("c2", "alice");
        clock.advance(Duration.ofHours(3));
        hub.progress("alice", Views.progress("c2", 1));
        clock.advance(Duration.ofHours(1));

        assertThat(hub.sweepIdle()).isEqualTo(1);
        assertThat(hub.boundAgentOf("c1")).isNull();
        assertThat(hub.boundAgentOf("c2")).isEqualTo("alice");
        assertThat(alice.kinds()).endsWith(Kind.REMOVED);
    }

    @Test
    void bindBeyondMaxConversationsIsRefused() {
        NotifierLimits d = NotifierLimits.defaults();
        SubscriptionHub small = new SubscriptionHub(new WireCodec(), new NotifierLimits(d.maxClients(),
                d.sendQueueCapacity(), d.slowClientDeadline(), d.writeBufferHighWaterMark(), d.maxFramePayloadBytes(), 1,
                d.conversationIdleTtl(), d.maxRememberedRequests(), d.clientIdleTimeout(), d.commandTimeout()), metrics, clock.ticker());

        assertThat(small.bind("c1", "alice")).isTrue();
        assertThat(small.bind("c2", "alice")).isFalse();
        assertThat(small.bind("c1", "bob")).isTrue();
    }

    @Test
    void blankIdsAreRefused() {
        assertThatThrownBy(() -> hub.bind(" ", "alice")).hasMessage("conversationId: ' ' (expected: non-blank)");
        assertThatThrownBy(() -> hub.bind("c1", null)).hasMessage("agentUserId: 'null' (expected: non-blank)");
    }
}
