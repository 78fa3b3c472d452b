package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.internal.SocketConnector.NotificationSocket;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Genesys notification channel and its socket(s). Mutated only on the notification serial
 * executor; {@code state} and {@code lastLivenessNanos} are also read by metrics from other threads.
 */
final class ChannelSession {

    /** One WebSocket connection of this channel. */
    static final class SocketHandle {
        final long generation;
        NotificationSocket socket;
        boolean live;
        boolean closed;

        SocketHandle(long generation) {
            this.generation = generation;
        }

        void close() {
            closed = true;
            if (socket != null) {
                socket.close();
            }
        }
    }

    final Shard shard;
    final long number;
    final AtomicReference<ChannelState> state = new AtomicReference<>(ChannelState.NEW);
    AccessToken token;
    String channelId;
    URI connectUri;
    long deadlineNanos = Long.MAX_VALUE;
    SocketHandle socket;
    SocketHandle pendingSocket;
    long socketGenerations;
    long phaseStartedNanos;
    volatile long lastLivenessNanos;
    /** Genesys said the channel lost its subscriptions or died; it no longer counts as delivering. */
    boolean lost;
    boolean putInFlight;
    boolean putAgain;
    int putFailures;
    List<String> subscribed = List.of();

    ChannelSession(Shard shard, long number) {
        this.shard = shard;
        this.number = number;
    }

    ChannelState state() {
        return state.get();
    }

    boolean closed() {
        return state.get() == ChannelState.CLOSED;
    }

    /** Moves to {@code next}; false if already closed. */
    boolean to(ChannelState next) {
        return ChannelState.transition(state, next);
    }

    void closeSockets() {
        if (socket != null) {
            socket.close();
        }
        if (pendingSocket != null) {
            pendingSocket.close();
        }
    }

    @Override
    public String toString() {
        return "shard=" + shard.index + " channel=" + (channelId == null ? "#" + number : channelId);
    }
}
