package dev.voicegate.audiohook.netty;

import dev.voicegate.audiohook.protocol.AudioHookCodec;
import dev.voicegate.audiohook.protocol.ServerMessage;
import dev.voicegate.audiohook.protocol.ServerParameters;
import dev.voicegate.audiohook.session.AudioHookMetrics;
import dev.voicegate.audiohook.session.SessionTransport;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Binds a session to its channel. Messages are encoded to text frames; ownership of each frame
 * passes to the pipeline on write (Netty releases it, also when the write fails). When the channel
 * is above its write-buffer high-water mark, {@code event} messages are dropped and counted;
 * protocol messages are always written.
 */
final class NettySessionTransport implements SessionTransport {

    private final Channel channel;
    private final AudioHookCodec codec;
    private final AudioHookMetrics metrics;

    NettySessionTransport(Channel channel, AudioHookCodec codec, AudioHookMetrics metrics) {
        this.channel = channel;
        this.codec = codec;
        this.metrics = metrics;
    }

    @Override
    public void send(ServerMessage message) {
        if (!channel.isWritable() && message.parameters() instanceof ServerParameters.Event) {
            metrics.eventDropped("backpressure");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(codec.encode(message)), channel.voidPromise());
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
