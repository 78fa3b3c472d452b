package dev.voicegate.audiohook.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.MediaFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class AudioFrameDecoderTest {

    @Test
    void deinterleavesStereoPcmuInTheSelectedOrder() {
        AudioFrameDecoder d = new AudioFrameDecoder(MediaFormat.of(AudioEncoding.PCMU, Channel.INTERNAL, Channel.EXTERNAL),
                ByteOrder.LITTLE_ENDIAN);
        ByteBuffer frame = ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0xFF, 0x00, (byte) 0xF0});
        assertThat(d.decode(frame)).isEqualTo(2);
        assertThat(d.channels()[0]).startsWith((short) 32124, (short) -32124);
        assertThat(d.channels()[1]).startsWith((short) 0, (short) 120);
        assertThat(frame.position()).isZero();
    }

    @Test
    void decodesL16LittleEndianByDefaultAndBigEndianWhenConfigured() {
        byte[] bytes = {0x34, 0x12, (byte) 0xFF, (byte) 0xFF};
        AudioFrameDecoder le = new AudioFrameDecoder(MediaFormat.of(AudioEncoding.L16, Channel.EXTERNAL), ByteOrder.LITTLE_ENDIAN);
        assertThat(le.decode(ByteBuffer.wrap(bytes))).isEqualTo(2);
        assertThat(le.channels()[0]).startsWith((short) 0x1234, (short) -1);
        AudioFrameDecoder be = new AudioFrameDecoder(MediaFormat.of(AudioEncoding.L16, Channel.EXTERNAL), ByteOrder.BIG_ENDIAN);
        be.decode(ByteBuffer.wrap(bytes));
        assertThat(be.channels()[0]).startsWith((short) 0x3412, (short) -1);
    }

    @Test
    void deinterleavesStereoL16() {
        AudioFrameDecoder d = new AudioFrameDecoder(MediaFormat.of(AudioEncoding.L16, Channel.EXTERNAL, Channel.INTERNAL),
                ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) -2)
                .putShort((short) 3).putShort((short) -4).flip();
        assertThat(d.decode(b)).isEqualTo(2);
        assertThat(d.channels()[0]).startsWith((short) 1, (short) 3);
        assertThat(d.channels()[1]).startsWith((short) -2, (short) -4);
    }

    @Test
    void growsForLargeFramesAndAcceptsEmptyFrames() {
        AudioFrameDecoder d = new AudioFrameDecoder(MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL), ByteOrder.LITTLE_ENDIAN);
        assertThat(d.decode(ByteBuffer.allocate(0))).isZero();
        assertThat(d.decode(ByteBuffer.allocate(4000))).isEqualTo(4000);
        assertThat(d.channels()[0]).hasSizeGreaterThanOrEqualTo(4000);
    }

    @Test
    void rejectsFramesThatAreNotWholeSampleFrames() {
        AudioFrameDecoder stereo = new AudioFrameDecoder(MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL, Channel.INTERNAL),
                ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> stereo.decode(ByteBuffer.allocate(3))).hasMessageContaining("not a valid audio frame");
        AudioFrameDecoder l16 = new AudioFrameDecoder(MediaFormat.of(AudioEncoding.L16, Channel.EXTERNAL, Channel.INTERNAL),
                ByteOrder.LITTLE_ENDIAN);
        assertThat(l16.isValidLength(6)).isFalse();
        assertThat(l16.isValidLength(8)).isTrue();
    }
}
