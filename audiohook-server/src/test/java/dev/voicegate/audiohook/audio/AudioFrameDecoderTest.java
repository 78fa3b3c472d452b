package dev.voicegate.audiohook.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.MediaFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    static Stream<Arguments> layouts() {
        return Stream.of(AudioEncoding.values()).flatMap(enc -> Stream.of(
                MediaFormat.of(enc, Channel.EXTERNAL),
                MediaFormat.of(enc, Channel.EXTERNAL, Channel.INTERNAL),
                MediaFormat.of(enc, Channel.INTERNAL, Channel.EXTERNAL)))
                .flatMap(f -> Stream.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)
                        .flatMap(o -> Stream.of(true, false).map(direct -> Arguments.of(f, o, direct))));
    }

    @ParameterizedTest(name = "{0} {1} direct={2}")
    @MethodSource("layouts")
    void decodesEveryByteValueExactlyLikeThePerSampleReferenceWithoutMovingTheBuffer(MediaFormat f, ByteOrder order,
            boolean direct) {
        AudioFrameDecoder fast = new AudioFrameDecoder(f, order);
        PerSampleDecoder reference = new PerSampleDecoder(f, order, 2000);
        Random random = new Random(f.hashCode() * 31L + order.hashCode());
        for (int round = 0; round < 4; round++) {
            int samples = round == 0 ? 1600 : 1 + random.nextInt(1999);
            byte[] bytes = new byte[samples * f.bytesPerFrame()];
            random.nextBytes(bytes);
            for (int i = 0; i < Math.min(256, bytes.length); i++) {
                bytes[i] = (byte) i;    // every µ-law code and byte value at least once
            }
            // Surround the frame with other data: the decoder must read exactly position..limit.
            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(bytes.length + 7) : ByteBuffer.allocate(bytes.length + 7);
            buf.put(new byte[] {9, 9, 9}).put(bytes).put(new byte[] {8, 8, 8, 8});
            ByteBuffer frame = buf.position(3).limit(3 + bytes.length);
            if (round % 2 == 1) {
                frame = frame.slice();      // heap: non-zero arrayOffset, position 0
            }
            int pos = frame.position();
            int lim = frame.limit();
            assertThat(fast.decode(frame)).isEqualTo(reference.decode(frame)).isEqualTo(samples);
            for (int c = 0; c < f.channels().size(); c++) {
                assertThat(Arrays.copyOf(fast.channels()[c], samples)).as("channel %d, round %d", c, round)
                        .isEqualTo(Arrays.copyOf(reference.channels()[c], samples));
            }
            assertThat(frame.position()).isEqualTo(pos);
            assertThat(frame.limit()).isEqualTo(lim);
        }
    }

    @Test
    void decodesReadOnlyHeapBuffersThroughTheCopyPath() {
        AudioFrameDecoder d = new AudioFrameDecoder(MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL),
                ByteOrder.LITTLE_ENDIAN);
        ByteBuffer frame = ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0xFF}).asReadOnlyBuffer();
        assertThat(d.decode(frame)).isEqualTo(2);
        assertThat(d.channels()[0]).startsWith((short) 32124, (short) 0);
    }
}
