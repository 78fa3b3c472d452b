package dev.voicegate.audiohook.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.DisconnectReason;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.audio.MuLaw;
import dev.voicegate.audiohook.protocol.AudioHookCodec;
import dev.voicegate.audiohook.protocol.ClientMessage;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.audiohook.protocol.ServerMessage;
import dev.voicegate.audiohook.protocol.ServerParameters;
import dev.voicegate.testing.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's protocol behaviour on an EmbeddedChannel with frozen, manually advanced time. */
class ClientProtocolTest {

    private static final MediaFormat STEREO = MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL, Channel.INTERNAL);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AudioHookCodec codec = new AudioHookCodec();
    private final AudioHookClientConfig config = AudioHookClientConfig.builder(URI.create("ws://localhost:1/ws"))
            .source(PcmAudioSource.tone(440, 1, 8000)).ticker(clock.ticker()).build();
    private final AudioHookClient client = new AudioHookClient(config);
    private final EmbeddedChannel ch = new EmbeddedChannel();
    private long serverSeq;

    ClientProtocolTest() {
        ch.freezeTime();
        ch.pipeline().addLast(new AudioHookClientHandler(client, client.protocol()));
        ch.pipeline().fireChannelActive();
        ch.pipeline().fireUserEventTriggered(WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
    }

    @AfterEach
    void release() {
        ch.finishAndReleaseAll();
    }

    private ClientMessage nextText() {
        Object o = ch.readOutbound();
        assertThat(o).isInstanceOf(TextWebSocketFrame.class);
        TextWebSocketFrame f = (TextWebSocketFrame) o;
        try {
            return codec.decodeClient(f.text());
        } finally {
            f.release();
        }
    }

    private void server(ServerParameters p) {
        server(++serverSeq, p);
    }

    private void server(long seq, ServerParameters p) {
        ch.writeInbound(new TextWebSocketFrame(codec.encode(new ServerMessage(config.sessionId(), seq, 1, p))));
    }

    private void advance(Duration d) {
        clock.advance(d);
        ch.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void opensWithTheGenesysOfferAndSequenceOne() {
        ClientMessage open = nextText();
        assertThat(open.seq()).isEqualTo(1);
        assertThat(open.serverseq()).isZero();
        assertThat(((ClientParameters.Open) open.parameters()).media()).isEqualTo(AudioHookClientConfig.GENESYS_OFFER);
    }

    @Test
    void streams200msPcmuFramesInTheSelectedOrder() {
        nextText();
        server(new ServerParameters.Opened(List.of(STEREO), false, null, null));
        BinaryWebSocketFrame frame = ch.readOutbound();
        ByteBuf content = frame.content();
        assertThat(content.readableBytes()).isEqualTo(3200);
        assertThat(MuLaw.decode(content.getByte(2))).isEqualTo(MuLaw.decode(MuLaw.encode((short) Math.round(
                8000 * Math.sin(2 * Math.PI * 440 / 8000.0)))));
        frame.release();
        advance(Duration.ofMillis(200));
        BinaryWebSocketFrame second = ch.readOutbound();
        assertThat(second).isNotNull();
        second.release();
    }

    @Test
    void startPausedIsAnsweredWithPausedAndResumeWithResumedAtTheFrozenPosition() {
        nextText();
        server(new ServerParameters.Opened(List.of(STEREO), true, null, null));
        assertThat(nextText().parameters()).isEqualTo(new ClientParameters.Paused());
        advance(Duration.ofMillis(600));
        assertThat(ch.outboundMessages()).isEmpty();
        server(new ServerParameters.Resume());
        ClientMessage resumed = nextText();
        assertThat(resumed.parameters()).isEqualTo(new ClientParameters.Resumed(Duration.ZERO, Duration.ZERO));
        assertThat(resumed.serverseq()).isEqualTo(2);
        BinaryWebSocketFrame frame = ch.readOutbound();
        frame.release();
        server(new ServerParameters.Pause());
        ClientMessage paused = nextText();
        assertThat(paused.parameters()).isEqualTo(new ClientParameters.Paused());
        assertThat(paused.position()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void pingsAfterOneSecondThenAgainRightAfterTheFirstPongWithRtt() {
        nextText();
        server(new ServerParameters.Opened(List.of(), false, null, null));
        advance(Duration.ofSeconds(1));
        ClientMessage ping = nextText();
        assertThat(ping.parameters()).isEqualTo(new ClientParameters.Ping(null));
        clock.advance(Duration.ofMillis(7));
        server(new ServerParameters.Pong());
        assertThat(nextText().parameters()).isEqualTo(new ClientParameters.Ping(Duration.ofMillis(7)));
        assertThat(client.rtts()).containsExactly(Duration.ofMillis(7));
    }

    @Test
    void missingPongIsATimeoutErrorFollowedByClose() {
        nextText();
        server(new ServerParameters.Opened(List.of(), false, null, null));
        advance(Duration.ofSeconds(1));
        nextText();
        advance(Duration.ofSeconds(5));
        assertThat(((ClientParameters.Error) nextText().parameters()).code()).isEqualTo(408);
        assertThat(nextText().parameters()).isEqualTo(new ClientParameters.Close(ClientParameters.CloseReasonCode.ERROR));
        assertThat(client.protocolErrors()).containsExactly("Timeout waiting for pong");
    }

    @Test
    void detectsServerSeqGapsAndClientseqAheadOfWhatWasSent() {
        nextText();
        server(3, new ServerParameters.Opened(List.of(), false, null, null));
        ch.writeInbound(new TextWebSocketFrame(codec.encode(new ServerMessage(config.sessionId(), 4, 9,
                new ServerParameters.Pong()))));
        assertThat(client.protocolErrors()).contains("server seq 3 (expected: 1)", "server clientseq 9 > last sent seq 1");
    }

    @Test
    void detectsSelectedMediaThatWasNotOffered() {
        nextText();
        server(new ServerParameters.Opened(List.of(MediaFormat.of(AudioEncoding.L16, Channel.INTERNAL)), false, null, null));
        assertThat(client.protocolErrors()).containsExactly("Selected media not one of the offered");
        ch.releaseOutbound();
    }

    @Test
    void disconnectIsAnsweredWithCloseAndClosedEndsTheSocket() {
        nextText();
        server(new ServerParameters.Opened(List.of(), false, null, null));
        server(new ServerParameters.Disconnect(DisconnectReason.COMPLETED, "bye"));
        assertThat(nextText().parameters()).isEqualTo(new ClientParameters.Close(ClientParameters.CloseReasonCode.DISCONNECT));
        assertThat(client.disconnectReceived()).isCompleted();
        server(new ServerParameters.Closed());
        CloseWebSocketFrame close = ch.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1000);
        close.release();
        assertThat(client.closed()).isCompleted();
        assertThat(client.protocolErrors()).isEmpty();
    }

    @Test
    void closeAtEndOfSourceSendsCloseEnd() {
        nextText();
        server(new ServerParameters.Opened(List.of(STEREO), false, null, null));
        for (int i = 0; i < 6; i++) {
            advance(Duration.ofMillis(200));
        }
        int frames = 0;
        ClientMessage close = null;
        Object o;
        while ((o = ch.readOutbound()) != null) {
            if (o instanceof BinaryWebSocketFrame b) {
                frames++;
                b.release();
            } else {
                TextWebSocketFrame t = (TextWebSocketFrame) o;
                close = codec.decodeClient(t.text());
                t.release();
            }
        }
        assertThat(frames).isEqualTo(5);
        assertThat(close).isNotNull();
        assertThat(close.parameters()).isEqualTo(new ClientParameters.Close(ClientParameters.CloseReasonCode.END));
        assertThat(close.position()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void followsItsLifecycleAndFlagsMessagesInTheWrongState() {
        assertThat(client.state()).isEqualTo(ClientState.OPENING);
        nextText();
        server(new ServerParameters.Pause());
        assertThat(client.protocolErrors()).containsExactly("pause received in OPENING");
        server(new ServerParameters.Opened(List.of(), false, null, null));
        assertThat(client.state()).isEqualTo(ClientState.OPEN);
        server(new ServerParameters.Opened(List.of(), false, null, null));
        assertThat(client.protocolErrors()).contains("opened received in OPEN");
        server(new ServerParameters.Pause());
        assertThat(client.state()).isEqualTo(ClientState.PAUSED);
        server(new ServerParameters.Pause());
        assertThat(nextText().parameters()).isEqualTo(new ClientParameters.Paused());
        assertThat(nextText().parameters()).as("pause while paused is answered again").isEqualTo(new ClientParameters.Paused());
        client.close();
        assertThat(client.state()).isEqualTo(ClientState.CLOSING);
        server(new ServerParameters.Resume());
        assertThat(nextText().parameters()).isInstanceOf(ClientParameters.Close.class);
        assertThat(ch.outboundMessages()).as("resume is ignored while closing").isEmpty();
        ch.close();
        assertThat(client.state()).isEqualTo(ClientState.CLOSED);
    }
}
