package dev.voicegate.core.admin;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backpressure for one admin connection: while the peer is not reading (channel above its write-buffer
 * high-water mark) no further request is read, so pipelined requests cannot pile responses up; a
 * connection unwritable for longer than the bound is closed with one log line. One per channel.
 */
final class WritabilityGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(WritabilityGuard.class);

    private final Duration timeout;
    private final Counter slowCloses;
    private ScheduledFuture<?> timer;

    WritabilityGuard(Duration timeout, Counter slowCloses) {
        this.timeout = timeout;
        this.slowCloses = slowCloses;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (writable) {
            cancel();
        } else if (timer == null) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                if (ctx.channel().isActive() && !ctx.channel().isWritable()) {
                    slowCloses.increment();
                    log.warn("[admin remote={}] peer not reading for {}; closing", ctx.channel().remoteAddress(), timeout);
                    ctx.close();
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
