package dev.voicegate.audiohook.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;

/**
 * Pipeline of an AudioHook connection: pre-auth guard (handshake deadline, per-source cap) [→ TLS] → HTTP
 * codec → aggregator → upgrade/auth handler; on upgrade the handler replaces itself (and the guard, once the
 * request is authentic) with control-frame guard → WebSocket protocol → frame aggregator → idle → session.
 */
final class AudioHookServerInitializer extends ChannelInitializer<SocketChannel> {

    static final String PRE_AUTH = "preAuth";
    static final String TLS = "tls";
    static final String HTTP_CODEC = "httpCodec";
    static final String HTTP_AGGREGATOR = "httpAggregator";
    static final String UPGRADE = "upgrade";
    static final String WS_PROTOCOL = "wsProtocol";
    static final String WS_AGGREGATOR = "wsAggregator";
    static final String CONTROL_FRAMES = "controlFrames";
    static final String IDLE = "idle";
    static final String SESSION = "session";

    /** Upgrade requests carry no body; headers are bounded by the codec. */
    private static final int MAX_REQUEST_BYTES = 8192;

    private final ServerContext server;
    private final SslContext tls;

    /**
     * @param tls TLS for {@code wss://}, or null for plain {@code ws://} (TLS terminated elsewhere)
     */
    AudioHookServerInitializer(ServerContext server, SslContext tls) {
        this.server = server;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(PRE_AUTH, new PreAuthGuard(server));
        if (tls != null) {
            p.addLast(TLS, tls.newHandler(ch.alloc()));
        }
        p.addLast(HTTP_CODEC, new HttpServerCodec(4096, server.config.limits().connections().maxRequestHeaderBytes(),
                8192));
        p.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST_BYTES));
        p.addLast(UPGRADE, new AudioHookUpgradeHandler(server));
    }
}
