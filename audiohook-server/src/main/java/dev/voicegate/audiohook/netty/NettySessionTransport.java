package dev.voicegate.audiohook.netty;

import dev.voicegate.audiohook.protocol.AudioHookCodec;
import dev.voicegate.audiohook.protocol.ServerMessage;
import dev.voicegate.audiohook.session.SessionTransport;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Binds a session to its channel. Messages are encoded to text frames; ownership of each frame
 * passes to the pipeline on write (Netty releases it, also when the write fails). When the channel
 * is above its write-buffer high-water mark ({@link #isWritable()}), the session does not produce
 * {@code event} and {@code pong} messages (before numbering them, so the client sees no seq gap); the
 * other protocol messages are at most a handful per session and are always written. A peer that stays unwritable is
 * closed by its session handler ({@code audiohook.unwritableTimeout}). Nothing is written to an inactive
 * channel.
 */
final class NettySessionTransport implements SessionTransport {

    private final Channel channel;
    private final AudioHookCodec codec;

    NettySessionTransport(Channel channel, AudioHookCodec codec) {
        this.channel = channel;
        this.codec = codec;
    }

    @Override
    public void send(ServerMessage message) {
        if (!channel.isActive()) {
            return;
        }

        channel.writeAndFlush(new TextWebSocketFrame(codec.encode(message)), channel.voidPromise());
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public boolean inEventLoop() {
        return channel.eventLoop().inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public Scheduled schedule(Runnable task, Duration delay) {
        io.netty.util.concurrent.ScheduledFuture<?> f =
                channel.eventLoop().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
