package dev.voicegate.audiohook.netty;

import dev.voicegate.audiohook.internal.PendingConnections;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stage of every AudioHook connection, until it is authenticated: counts the connection against
 * its source address ({@code audiohook.maxPendingConnectionsPerSource}; one more is closed at once) and
 * closes it when no authentic upgrade has completed within {@code audiohook.handshakeTimeout} (slowloris,
 * silent TCP connections, partial request lines, and unauthenticated sessions in session auth mode).
 * The upgrade handler removes it once the request is authentic. One per channel; event loop only.
 */
final class PreAuthGuard extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PreAuthGuard.class);

    private final ServerContext server;
    private String source;
    private ScheduledFuture<?> deadline;

    PreAuthGuard(ServerContext server) {
        this.server = server;
    }

    /** The source address key of a channel: its IP address without the port. */
    static String sourceOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        String from = sourceOf(ctx.channel().remoteAddress());
        PendingConnections.Admission admission = server.pending.tryAcquire(from);
        if (admission != PendingConnections.Admission.ADMITTED) {
            server.metrics.rejection("too_many_pending_connections");
            log.debug("[remote={}] connection closed: {}", from, admission);
            ctx.close();
            return;
        }
        source = from;
        deadline = ctx.executor().schedule(() -> {
            server.metrics.rejection("handshake_timeout");
            log.debug("[remote={}] no authenticated upgrade within {}; closing", source,
                    server.config.limits().connections().handshakeTimeout());
            ctx.close();
        }, server.config.limits().connections().handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (source == null) {
            // Refused in channelActive; the close is under way. Nothing of this peer is processed.
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        finish();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        finish();
        super.channelInactive(ctx);
    }

    private void finish() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (source != null) {
            server.pending.release(source);
            source = null;
        }
    }
}
