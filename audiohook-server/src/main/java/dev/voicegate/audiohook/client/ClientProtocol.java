package dev.voicegate.audiohook.client;

import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.audio.FrameEncoder;
import dev.voicegate.audiohook.protocol.AudioHookCodec;
import dev.voicegate.audiohook.protocol.ClientMessage;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.audiohook.protocol.Durations;
import dev.voicegate.audiohook.protocol.ProtocolViolationException;
import dev.voicegate.audiohook.protocol.ServerMessage;
import dev.voicegate.audiohook.protocol.ServerParameters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the protocol, modelled on the reference/Genesys client (fact sheet §3.4):
 * open, stream 200 ms PCMU frames, pause/resume with {@code paused}/{@code resumed}, ping with rtt,
 * answer {@code disconnect} with {@code close}, close the socket after {@code closed}; validates
 * server seq and clientseq. Runs on the channel's event loop only.
 */
final class ClientProtocol {

    private static final Logger log = LoggerFactory.getLogger(ClientProtocol.class);
    static final int FRAME_SAMPLES = 1600;

    private final AudioHookClient client;
    private final AudioHookClientConfig config;
    private final AudioHookCodec codec;
    private Channel channel;
    private long seq;
    private long lastServerSeq;
    private long position;
    private volatile ClientState state = ClientState.CONNECTING;
    private MediaFormat media;
    private FrameEncoder encoder;
    private ScheduledFuture<?> streamTask;
    private ScheduledFuture<?> pingTask;
    private long pingSentNanos = -1;
    private boolean firstPong = true;
    private final short[] ext = new short[FRAME_SAMPLES];
    private final short[] intl = new short[FRAME_SAMPLES];

    ClientProtocol(AudioHookClient client, AudioHookClientConfig config, AudioHookCodec codec) {
        this.client = client;
        this.config = config;
        this.codec = codec;
    }

    ClientState state() {
        return state;
    }

    private void moveTo(ClientState next) {
        state = state.transitionTo(next);
    }

    private boolean closing() {
        return state == ClientState.CLOSING || state == ClientState.CLOSED;
    }

    void start(Channel ch) {
        this.channel = ch;
        moveTo(ClientState.OPENING);
        send(new ClientParameters.Open(config.organizationId(), config.conversationId(), config.participant(),
                config.offeredMedia(), config.language(), null, null, config.customConfig()));
    }

    void send(ClientParameters p) {
        sendRaw(codec.encode(new ClientMessage(config.sessionId(), ++seq, lastServerSeq, Durations.ofSamples(position), p)));
    }

    void sendRaw(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    long position() {
        return position;
    }

    void onText(String text) {
        ServerMessage m;
        try {
            m = codec.decodeServer(text);
        } catch (ProtocolViolationException e) {
            client.protocolError(e.getMessage());
            return;
        }
        client.record(m);
        if (m.seq() != lastServerSeq + 1) {
            client.protocolError("server seq " + m.seq() + " (expected: " + (lastServerSeq + 1) + ")");
        }
        lastServerSeq = m.seq();
        if (m.clientseq() > seq) {
            client.protocolError("server clientseq " + m.clientseq() + " > last sent seq " + seq);
        }
        dispatch(m.parameters());
    }

    private void dispatch(ServerParameters p) {
        if (p instanceof ServerParameters.Opened o) {
            if (state != ClientState.OPENING) {
                client.protocolError("opened received in " + state);   // reference: error 409
                return;
            }
            onOpened(o);
        } else if (p instanceof ServerParameters.Pause) {
            onPauseRequest();
        } else if (p instanceof ServerParameters.Resume) {
            onResumeRequest();
        } else if (p instanceof ServerParameters.Pong) {
            onPong();
        } else if (p instanceof ServerParameters.Disconnect d) {
            client.disconnectReceived(d);
            close(ClientParameters.CloseReasonCode.DISCONNECT);
        } else if (p instanceof ServerParameters.Closed) {
            if (state != ClientState.CLOSING) {
                client.protocolError("closed received in " + state);
            }
            client.closedReceived();
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "closed")).addListener(f -> channel.close());
        }
    }

    /** Pause: acted on when open (again when already paused: answered with `paused`), ignored while closing. */
    private void onPauseRequest() {
        if (state == ClientState.OPEN || state == ClientState.PAUSED) {
            stopStreaming();
            if (state == ClientState.OPEN) {
                moveTo(ClientState.PAUSED);
            }
            send(new ClientParameters.Paused());
        } else if (!closing()) {
            client.protocolError("pause received in " + state);
        }
    }

    /** Resume: answered with `resumed` (also while streaming, with discarded PT0S), ignored while closing. */
    private void onResumeRequest() {
        if (state == ClientState.OPEN || state == ClientState.PAUSED) {
            // WAV-source semantics (fact sheet §4): the position stays frozen while paused.
            send(new ClientParameters.Resumed(Durations.ofSamples(position), Duration.ZERO));
            if (state == ClientState.PAUSED) {
                moveTo(ClientState.OPEN);
            }
            startStreaming();
        } else if (!closing()) {
            client.protocolError("resume received in " + state);
        }
    }

    private void onOpened(ServerParameters.Opened o) {
        if (o.media().size() == 1 && !config.offeredMedia().contains(o.media().get(0))) {
            client.protocolError("Selected media not one of the offered");
        }
        media = o.media().isEmpty() ? null : o.media().get(0);
        encoder = media == null ? null : new FrameEncoder(media);
        client.openedReceived(o);
        pingTask = channel.eventLoop().schedule(this::ping, config.firstPing().toNanos(), TimeUnit.NANOSECONDS);
        if (config.probe()) {
            moveTo(ClientState.OPEN);
            channel.writeAndFlush(new BinaryWebSocketFrame());
            close(ClientParameters.CloseReasonCode.END);
            return;
        }
        if (o.startPaused()) {
            moveTo(ClientState.PAUSED);
            send(new ClientParameters.Paused());
        } else {
            moveTo(ClientState.OPEN);
            startStreaming();
        }
    }

    private void ping() {
        if (closing()) {
            return;
        }
        if (pingSentNanos >= 0) {
            client.protocolError("Timeout waiting for pong");
            send(new ClientParameters.Error(408, "Timeout waiting for pong", null));
            close(ClientParameters.CloseReasonCode.ERROR);
            return;
        }
        sendPing();
        pingTask = channel.eventLoop().schedule(this::ping, config.pingInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void sendPing() {
        pingSentNanos = config.ticker().getAsLong();
        Duration rtt = client.lastRtt();
        send(new ClientParameters.Ping(rtt));
    }

    private void onPong() {
        if (pingSentNanos < 0) {
            client.protocolError("pong without ping");
            return;
        }
        client.rtt(Duration.ofNanos(config.ticker().getAsLong() - pingSentNanos));
        pingSentNanos = -1;
        if (firstPong && !closing()) {
            firstPong = false;
            sendPing();      // like the reference: the second ping right after the first pong carries an rtt
        }
    }

    private void startStreaming() {
        if (media == null || streamTask != null || state != ClientState.OPEN) {
            return;
        }
        long periodNanos = (long) (200_000_000L / config.speed());
        streamTask = channel.eventLoop().scheduleAtFixedRate(this::sendFrame, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void stopStreaming() {
        if (streamTask != null) {
            streamTask.cancel(false);
            streamTask = null;
        }
    }

    private void sendFrame() {
        if (state != ClientState.OPEN) {
            return;
        }
        int n = config.source().read(ext, intl, FRAME_SAMPLES);
        if (n == 0) {
            stopStreaming();
            if (config.closeAtEndOfSource()) {
                close(ClientParameters.CloseReasonCode.END);
            }
            return;
        }
        // Encode into a reused array, then one bulk write: per-sample writeByte cost more than the server's decode.
        int length = encoder.encode(ext, intl, n);
        ByteBuf buf = channel.alloc().buffer(length);
        buf.writeBytes(encoder.bytes(), 0, length);
        position += n;
        channel.writeAndFlush(new BinaryWebSocketFrame(buf));   // the pipeline releases buf
    }

    void close(ClientParameters.CloseReasonCode reason) {
        if (closing() || state == ClientState.CONNECTING || !channel.isActive()) {
            return;
        }
        moveTo(ClientState.CLOSING);
        stopStreaming();
        send(new ClientParameters.Close(reason));
        log.debug("[session={}] close{{}} sent", config.sessionId(), reason.wireName());
    }

    void onInactive() {
        if (state != ClientState.CLOSED) {
            moveTo(ClientState.CLOSED);
        }
        stopStreaming();
        if (pingTask != null) {
            pingTask.cancel(false);
        }
    }
}
