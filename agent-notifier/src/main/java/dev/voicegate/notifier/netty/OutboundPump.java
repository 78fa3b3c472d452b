package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.engine.ClientOutbox;
import dev.voicegate.notifier.engine.NotifierMetrics;
import dev.voicegate.notifier.protocol.Outbound;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The outbound path of one agent socket: a bounded {@link ClientOutbox} drained into the channel
 * only while it is writable. When the channel stays unwritable past the deadline, {@code onSlow}
 * is called with {@code "unwritable"}; a full outbox is reported by {@link #offer} as OVERFLOW.
 *
 * <p>Threads: {@link #offer} from any thread (it schedules a drain on the channel's event loop);
 * everything else on the event loop. Frames written here are released by Netty once written.
 */
final class OutboundPump {

    private final Channel channel;
    private final ClientOutbox outbox;
    private final long deadlineNanos;
    private final Consumer<String> onSlow;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private ScheduledFuture<?> unwritableTimer;

    OutboundPump(Channel channel, int capacity, Duration slowClientDeadline, NotifierMetrics metrics,
                 Consumer<String> onSlow) {
        this.channel = channel;
        this.outbox = new ClientOutbox(capacity, () -> metrics.queueDrop("superseded"));
        this.deadlineNanos = slowClientDeadline.toNanos();
        this.onSlow = onSlow;
    }

    /** Queues a message and schedules a drain. Any thread. */
    ClientOutbox.Offer offer(Outbound message) {
        ClientOutbox.Offer result = outbox.offer(message);
        if ((result == ClientOutbox.Offer.QUEUED || result == ClientOutbox.Offer.COALESCED)
                && drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
        return result;
    }

    /** Writes queued messages while the channel is writable. Event loop only. */
    void drain() {
        drainScheduled.set(false);
        boolean wrote = false;
        while (channel.isActive() && channel.isWritable()) {
            Outbound m = outbox.poll();
            if (m == null) {
                break;
            }
            channel.write(new TextWebSocketFrame(m.json()));
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
        if (channel.isActive() && !channel.isWritable()) {
            armUnwritableTimer();
        }
    }

    /** Event loop only. */
    void writabilityChanged() {
        if (channel.isWritable()) {
            cancelTimer();
            drain();
        } else {
            armUnwritableTimer();
        }
    }

    /** Discards queued messages and refuses later ones; returns how many were discarded. Any thread. */
    int close() {
        channel.eventLoop().execute(this::cancelTimer);
        return outbox.close();
    }

    private void armUnwritableTimer() {
        if (unwritableTimer == null) {
            unwritableTimer = channel.eventLoop().schedule(() -> {
                unwritableTimer = null;
                if (channel.isActive() && !channel.isWritable()) {
                    onSlow.accept("unwritable");
                }
            }, deadlineNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancelTimer() {
        if (unwritableTimer != null) {
            unwritableTimer.cancel(false);
            unwritableTimer = null;
        }
    }
}
