package dev.voicegate.audiohook.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drain walks the live session group while sessions keep ending. A {@code stream()} over the
 * group (the first version) failed with "End size N is less than fixed size M" when a channel left
 * the group during the walk, which aborted {@code AudioHookServer.close()} before the disconnects.
 */
class ShutdownDrainTest {

    /** A session channel whose neighbour ends exactly while the drain asks for this channel's close future. */
    private static final class NeighbourClosingChannel extends EmbeddedChannel {
        EmbeddedChannel neighbour;

        @Override
        public ChannelFuture closeFuture() {
            if (neighbour != null) {
                neighbour.close();
            }
            return super.closeFuture();
        }
    }

    private final ChannelGroup group = new DefaultChannelGroup("test", ImmediateEventExecutor.INSTANCE);
    private final List<NeighbourClosingChannel> channels = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();

    @AfterEach
    void closeAll() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private void sessions(int n) {
        for (int i = 0; i < n; i++) {
            NeighbourClosingChannel ch = new NeighbourClosingChannel();
            channels.add(ch);
            group.add(ch);
        }
        // Set after add(): the group's own close listener must not trigger anything.
        for (int i = 0; i < n; i++) {
            channels.get(i).neighbour = channels.get((i + 1) % n);
        }
    }

    @Test
    void awaitEmptyToleratesSessionsLeavingTheGroupWhileItWalksIt() {
        sessions(50);
        ShutdownDrain drain = new ShutdownDrain(group, now::get);
        // Deadline now: walk the group once, register on every close future, do not wait.
        assertThatCode(() -> drain.awaitEmpty(now.get())).doesNotThrowAnyException();
        assertThat(group.size()).as("sessions ended during the walk").isLessThan(50);
    }

    @Test
    void awaitEmptyReturnsAtTheDeadlineWhenSessionsStayOpen() {
        group.add(new EmbeddedChannel());
        ShutdownDrain drain = new ShutdownDrain(group, now::get);
        assertThatCode(() -> drain.awaitEmpty(now.get())).doesNotThrowAnyException();
        assertThat(group.size()).isEqualTo(1);
        group.close();
    }
}
