package dev.voicegate.audiohook.netty;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/** Waits for session channels to close and asks the remaining ones to end. Used only by close(). */
final class ShutdownDrain {

    private final ChannelGroup channels;
    private final LongSupplier ticker;

    ShutdownDrain(ChannelGroup channels, LongSupplier ticker) {
        this.channels = channels;
        this.ticker = ticker;
    }

    /** Blocks the calling (non-event-loop) thread until no session is left or the deadline passes. */
    void awaitEmpty(long deadlineNanos) {
        // Iterate instead of stream(): the group changes concurrently, and a SIZED stream over it can
        // fail ("Accept exceeded fixed size") when a channel is added or removed meanwhile.
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (Channel ch : channels) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            ch.closeFuture().addListener(x -> f.complete(null));
            closes.add(f);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(closes.toArray(new CompletableFuture<?>[0]));
        long wait = deadlineNanos - ticker.getAsLong();
        if (wait <= 0) {
            return;
        }
        try {
            all.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Deadline reached with sessions still open: the caller moves on to the next step.
        } catch (ExecutionException e) {
            throw new IllegalStateException("close future failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends {@code disconnect{completed}} on every live session, each on its own event loop. */
    void disconnectAll() {
        for (Channel ch : channels) {
            AudioHookSessionHandler h = ch.pipeline().get(AudioHookSessionHandler.class);
            if (h != null) {
                ch.eventLoop().execute(() -> h.shutdown(ch.pipeline().context(h)));
            }
        }
    }
}
