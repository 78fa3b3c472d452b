package dev.voicegate.audiohook.netty;

import dev.voicegate.audiohook.session.AudioHookMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ControlFrameGuard} with the channel's writability set by the test (a user-defined writability
 * bit of the outbound buffer: exactly what the high-water mark does), so whether a pong is dropped does not
 * depend on socket buffers or timing.
 */
class ControlFrameGuardTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EmbeddedChannel ch = new EmbeddedChannel(new ControlFrameGuard(new AudioHookMetrics(registry)));

    private double dropped() {
        var c = registry.find("voicegate.audiohook.outbound.dropped").tag("type", "ws_pong").counter();
        return c == null ? 0 : c.count();
    }

    private void peerReading(boolean reading) {
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, reading);
        assertThat(ch.isWritable()).isEqualTo(reading);
    }

    private static PingWebSocketFrame ping(String payload) {
        return new PingWebSocketFrame(Unpooled.copiedBuffer(payload, StandardCharsets.US_ASCII));
    }

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
    }

    @Test
    void pingIsAnsweredWithItsPayloadWhileThePeerReads() {
        ch.writeInbound(ping("a"));
        PongWebSocketFrame pong = ch.readOutbound();
        try {
            assertThat(pong.content().toString(StandardCharsets.US_ASCII)).isEqualTo("a");
        } finally {
            pong.release();
        }
        assertThat(dropped()).isZero();
    }

    @Test
    void pingsOfAPeerAboveTheHighWaterMarkAreDroppedCountedAndReleased() {
        peerReading(false);
        PingWebSocketFrame first = ping("b");
        PingWebSocketFrame second = ping("c");
        ch.writeInbound(first, second);
        Object queued = ch.readOutbound();
        assertThat(queued).as("no pong queued").isNull();
        assertThat(dropped()).isEqualTo(2);
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();

        peerReading(true);
        ch.writeInbound(ping("d"));
        PongWebSocketFrame pong = ch.readOutbound();
        try {
            assertThat(pong.content().toString(StandardCharsets.US_ASCII)).isEqualTo("d");
        } finally {
            pong.release();
        }
        assertThat(dropped()).isEqualTo(2);
    }

    @Test
    void otherFramesPassThroughWhateverTheWritability() {
        peerReading(false);
        ch.writeInbound(new TextWebSocketFrame("{}"));
        TextWebSocketFrame text = ch.readInbound();
        try {
            assertThat(text.text()).isEqualTo("{}");
        } finally {
            text.release();
        }
        assertThat(dropped()).isZero();
    }
}
