package dev.voicegate.audiohook.client;

import dev.voicegate.audiohook.auth.RequestSigner;
import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.audiohook.protocol.AudioHookCodec;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.audiohook.protocol.ServerMessage;
import dev.voicegate.audiohook.protocol.ServerParameters;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import javax.net.ssl.SSLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An AudioHook v2 client on Netty that behaves like the Genesys/reference client (fact sheet §3.4):
 * signed upgrade, Genesys-like media offer, 200 ms PCMU frames at real-time pace or faster,
 * pause/resume answered with {@code paused}/{@code resumed}, pings with rtt, clean close. For tests,
 * the demo and load tools. Thread-safe: commands hop to the channel's event loop; futures complete
 * there.
 */
public final class AudioHookClient implements AutoCloseable {

    private static final int MAX_FRAME = 1 << 20;

    private final AudioHookClientConfig config;
    private final ClientProtocol protocol;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<ServerParameters.Opened> opened = new CompletableFuture<>();
    private final CompletableFuture<ServerParameters.Disconnect> disconnect = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> socketClosed = new CompletableFuture<>();
    private final List<ServerMessage> received = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Duration> rtts = new CopyOnWriteArrayList<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private volatile Channel channel;

    AudioHookClient(AudioHookClientConfig config) {
        this.config = config;
        this.protocol = new ClientProtocol(this, config, new AudioHookCodec());
    }

    /**
     * Connects, signs the upgrade, and sends {@code open} once the handshake completes.
     *
     * @param group event loops to run on (shared by many clients in load tests; not shut down here)
     */
    public static AudioHookClient connect(AudioHookClientConfig config, EventLoopGroup group) {
        AudioHookClient c = new AudioHookClient(config);
        c.start(group);
        return c;
    }

    private void start(EventLoopGroup group) {
        URI uri = config.uri();
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        int defaultPort = secure ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String authority = port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
        SslContext tls = secure ? clientTls() : null;
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpHeaders headers = new DefaultHttpHeaders()
                .set("Audiohook-Organization-Id", config.organizationId())
                .set("Audiohook-Session-Id", config.sessionId())
                .set("Audiohook-Correlation-Id", config.correlationId())
                .set("X-API-KEY", config.apiKey());
        Map<String, String> signature = RequestSigner.sign(target, authority, config.organizationId(),
                config.sessionId(), config.correlationId(), config.apiKey(), config.secretBase64(), config.clock());
        signature.forEach(headers::set);
        WebSocketClientProtocolConfig ws = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).version(WebSocketVersion.V13).customHeaders(headers).maxFramePayloadLength(MAX_FRAME)
                .handleCloseFrames(true).dropPongFrames(true).handshakeTimeoutMillis(10_000).build();
        Bootstrap b = new Bootstrap().group(group).channel(Transports.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), uri.getHost(), port));
                        }
                        ch.pipeline().addLast("httpCodec", new HttpClientCodec())
                                .addLast("httpAggregator", new HttpObjectAggregator(8192))
                                .addLast("wsProtocol", new WebSocketClientProtocolHandler(ws))
                                .addLast("wsAggregator", new WebSocketFrameAggregator(MAX_FRAME))
                                .addLast("audiohook", new AudioHookClientHandler(AudioHookClient.this, protocol));
                    }
                });
        b.connect(uri.getHost(), port).addListener(f -> {
            if (!f.isSuccess()) {
                connected.completeExceptionally(f.cause());
                socketClosed.complete(null);
            }
        });
    }

    ClientProtocol protocol() {
        return protocol;
    }

    private SslContext clientTls() {
        if (config.tls() != null) {
            return config.tls();
        }
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("client TLS context could not be built", e);
        }
    }

    void attached(Channel ch) {
        this.channel = ch;
    }

    /** Handshake done (or failed, e.g. with {@link HandshakeRejectedException}). */
    public CompletableFuture<Void> connected() {
        return connected;
    }

    /** The server's {@code opened}. */
    public CompletableFuture<ServerParameters.Opened> opened() {
        return opened;
    }

    /** The server's {@code disconnect}, if it sent one. */
    public CompletableFuture<ServerParameters.Disconnect> disconnectReceived() {
        return disconnect;
    }

    /** Completes when {@code closed} arrived. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** Completes when the TCP connection is gone. */
    public CompletableFuture<Void> socketClosed() {
        return socketClosed;
    }

    /** Every server message received, in order. */
    public List<ServerMessage> received() {
        return new ArrayList<>(received);
    }

    /**
     * Completes when at least {@code count} messages of {@code type} have been received (for tests and
     * tools that must wait for the server without polling).
     */
    public CompletableFuture<Void> whenReceived(String type, int count) {
        Watcher w = new Watcher(type, count, new CompletableFuture<>());
        watchers.add(w);
        check(w);
        return w.done();
    }

    private record Watcher(String type, int count, CompletableFuture<Void> done) {
    }

    private void check(Watcher w) {
        if (!w.done().isDone() && received.stream().filter(m -> m.type().equals(w.type())).count() >= w.count()) {
            w.done().complete(null);
            watchers.remove(w);
        }
    }

    /** Types of the received messages, in order. */
    public List<String> receivedTypes() {
        return received.stream().map(ServerMessage::type).toList();
    }

    /** Protocol problems the client detected in the server's behaviour (empty for a conformant server). */
    public List<String> protocolErrors() {
        return new ArrayList<>(errors);
    }

    /** Measured ping round-trip times. */
    public List<Duration> rtts() {
        return new ArrayList<>(rtts);
    }

    /** The client's lifecycle state (a volatile snapshot). */
    public ClientState state() {
        return protocol.state();
    }

    /** The session id. */
    public String sessionId() {
        return config.sessionId();
    }

    /** Sends {@code close{reason}} (after which the server answers {@code closed}). */
    public void close(ClientParameters.CloseReasonCode reason) {
        onLoop(() -> protocol.close(reason));
    }

    /** Sends any client message with the next seq (e.g. {@code update}, {@code discarded}, {@code error}). */
    public void send(ClientParameters parameters) {
        onLoop(() -> protocol.send(parameters));
    }

    /** Sends a raw text frame as is (for bad-input tests). */
    public void sendRawText(String text) {
        onLoop(() -> protocol.sendRaw(text));
    }

    /** Sends a raw binary frame as is (for bad-input tests). */
    public void sendRawBinary(byte[] bytes) {
        onLoop(() -> channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))));
    }

    /** Closes the session cleanly ({@code close{end}}) and the connection when {@code closed} arrives. */
    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            close(ClientParameters.CloseReasonCode.END);
        }
    }

    /** Drops the TCP connection without a close transaction. */
    public void abort() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    private void onLoop(Runnable r) {
        Channel ch = channel;
        if (ch == null) {
            throw new IllegalStateException("not connected");
        }
        if (ch.eventLoop().inEventLoop()) {
            r.run();
        } else {
            ch.eventLoop().execute(r);
        }
    }

    // Callbacks from the protocol/handler (event loop).
    void handshakeDone() {
        connected.complete(null);
    }

    void handshakeFailed(Throwable t) {
        connected.completeExceptionally(t);
    }

    void record(ServerMessage m) {
        received.add(m);
        for (Watcher w : watchers) {
            check(w);
        }
    }

    void protocolError(String error) {
        errors.add(error);
    }

    void openedReceived(ServerParameters.Opened o) {
        opened.complete(o);
    }

    void disconnectReceived(ServerParameters.Disconnect d) {
        disconnect.complete(d);
    }

    void closedReceived() {
        closed.complete(null);
    }

    void rtt(Duration rtt) {
        rtts.add(rtt);
    }

    Duration lastRtt() {
        return rtts.isEmpty() ? null : rtts.get(rtts.size() - 1);
    }

    void inactive() {
        IllegalStateException gone = new IllegalStateException("connection closed");
        connected.completeExceptionally(gone);
        opened.completeExceptionally(gone);
        closed.completeExceptionally(gone);
        socketClosed.complete(null);
    }
}
