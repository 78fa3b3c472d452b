package dev.voicegate.audiohook.session;

import dev.voicegate.audiohook.protocol.ServerMessage;
import java.time.Duration;

/**
 * What a {@link ServerSession} needs from its connection; Netty-free so tests drive sessions
 * directly. Implementations run tasks on the one thread that also calls the session.
 */
public interface SessionTransport {

    /** Writes one server message (a text frame). Called on the session thread only. */
    void send(ServerMessage message);

    /**
     * Whether the peer keeps up: false while the connection's write buffer is above its high-water mark.
     * The session then produces no droppable messages ({@code pong}, {@code event}).
     */
    default boolean isWritable() {
        return true;
    }

    /** Whether the caller is on the session thread. */
    boolean inEventLoop();

    /** Runs {@code task} on the session thread. */
    void execute(Runnable task);

    /** Runs {@code task} on the session thread after {@code delay}. */
    Scheduled schedule(Runnable task, Duration delay);

    /** A cancellable scheduled task. */
    interface Scheduled {
        /** Cancels the task if it has not run; idempotent. */
        void cancel();
    }
}
