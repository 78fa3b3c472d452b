package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.Views;
import dev.voicegate.notifier.engine.ClientOutbox.Offer;
import dev.voicegate.notifier.protocol.Outbound;
import dev.voicegate.notifier.protocol.WireCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientOutboxTest {

    private final WireCodec codec = new WireCodec();
    private final AtomicInteger superseded = new AtomicInteger();
    private final ClientOutbox outbox = new ClientOutbox(3, superseded::incrementAndGet);

    @Test
    void newerProgressOfTheSameTransactionReplacesTheQueuedOne() {
        assertThat(outbox.offer(codec.progress(Views.progress("c1", 1.0)))).isEqualTo(Offer.QUEUED);
        assertThat(outbox.offer(codec.progress(Views.progress("c1", 2.0)))).isEqualTo(Offer.COALESCED);
        assertThat(outbox.offer(codec.progress(Views.progress("c1", 3.0)))).isEqualTo(Offer.COALESCED);

        assertThat(drain()).singleElement().satisfies(m -> assertThat(m.json()).contains("\"netSpeechSeconds\":3.0"));
        assertThat(superseded).hasValue(2);
    }

    @Test
    void progressOfDifferentConversationsIsKeptInOrder() {
        outbox.offer(codec.progress(Views.progress("c1", 1.0)));
        outbox.offer(codec.progress(Views.progress("c2", 1.0)));

        assertThat(drain()).extracting(Outbound::conversationId).containsExactly("c1", "c2");
    }

    @Test
    void fullStateDropsQueuedProgressOfItsConversationOnly() {
        outbox.offer(codec.progress(Views.progress("c1", 1.0)));
        outbox.offer(codec.progress(Views.progress("c2", 1.0)));
        outbox.offer(codec.conversation(Views.verified("c1")));

        assertThat(drain()).extracting(Outbound::kind, Outbound::conversationId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Outbound.Kind.PROGRESS, "c2"),
                org.assertj.core.groups.Tuple.tuple(Outbound.Kind.CONVERSATION, "c1"));
        assertThat(superseded).hasValue(1);
    }

    @Test
    void newerFullStateReplacesTheQueuedOneInPlace() {
        outbox.offer(codec.conversation(Views.listening("c1", 1)));
        outbox.offer(codec.removed("c9"));
        assertThat(outbox.offer(codec.conversation(Views.verified("c1")))).isEqualTo(Offer.COALESCED);

        List<Outbound> out = drain();
        assertThat(out).extracting(Outbound::kind).containsExactly(Outbound.Kind.CONVERSATION, Outbound.Kind.REMOVED);
        assertThat(out.get(0).json()).contains("AUTHENTICATED");
    }

    @Test
    void removedDropsQueuedStateAndProgressOfThatConversation() {
        outbox.offer(codec.conversation(Views.listening("c1", 1)));
        outbox.offer(codec.progress(Views.progress("c1", 2.0)));
        outbox.offer(codec.removed("c1"));

        assertThat(drain()).extracting(Outbound::kind).containsExactly(Outbound.Kind.REMOVED);
        assertThat(superseded).hasValue(2);
    }

    @Test
    void messageBeyondCapacityOverflowsButCoalescingStillWorks() {
        outbox.offer(codec.progress(Views.progress("c1", 1.0)));
        outbox.offer(codec.pong());
        outbox.offer(codec.pong());

        assertThat(outbox.offer(codec.pong())).isEqualTo(Offer.OVERFLOW);
        assertThat(outbox.offer(codec.progress(Views.progress("c1", 2.0)))).isEqualTo(Offer.COALESCED);
        assertThat(outbox.size()).isEqualTo(3);
    }

    @Test
    void closedOutboxDiscardsAndRefuses() {
        outbox.offer(codec.pong());
        assertThat(outbox.close()).isEqualTo(1);

        assertThat(outbox.offer(codec.pong())).isEqualTo(Offer.CLOSED);
        assertThat(outbox.poll()).isNull();
    }

    @Test
    void zeroCapacityIsRefused() {
        assertThatThrownBy(() -> new ClientOutbox(0, () -> { })).hasMessage("capacity: 0 (expected: > 0)");
    }

    private List<Outbound> drain() {
        List<Outbound> out = new ArrayList<>();
        for (Outbound m = outbox.poll(); m != null; m = outbox.poll()) {
            out.add(m);
        }
        return out;
    }
}
