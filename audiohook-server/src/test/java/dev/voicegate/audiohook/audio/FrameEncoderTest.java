package dev.voicegate.audiohook.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.MediaFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrameEncoderTest {

    static Stream<MediaFormat> formats() {
        return Stream.of(AudioEncoding.values()).flatMap(enc -> Stream.of(
                MediaFormat.of(enc, Channel.EXTERNAL),
                MediaFormat.of(enc, Channel.INTERNAL),
                MediaFormat.of(enc, Channel.EXTERNAL, Channel.INTERNAL),
                MediaFormat.of(enc, Channel.INTERNAL, Channel.EXTERNAL)));
    }

    /** The client's former per-sample encoding (writeByte / writeShortLE per sample and channel). */
    private static byte[] perSample(MediaFormat f, short[] ext, short[] intl, int n) {
        ByteBuffer b = ByteBuffer.allocate(n * f.bytesPerFrame()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            for (Channel c : f.channels()) {
                short s = c == Channel.EXTERNAL ? ext[i] : intl[i];
                if (f.encoding() == AudioEncoding.PCMU) {
                    b.put(MuLaw.encode(s));
                } else {
                    b.putShort(s);
                }
            }
        }
        return b.array();
    }

    @ParameterizedTest
    @MethodSource("formats")
    void encodesTheSameBytesAsPerSampleWritesAndDecodesBackPerChannel(MediaFormat f) {
        Random random = new Random(f.hashCode());
        FrameEncoder encoder = new FrameEncoder(f);
        AudioFrameDecoder decoder = new AudioFrameDecoder(f, ByteOrder.LITTLE_ENDIAN);
        for (int n : new int[] {1600, 7, 1600, 0}) {
            short[] ext = new short[1600];
            short[] intl = new short[1600];
            for (int i = 0; i < 1600; i++) {
                ext[i] = (short) random.nextInt();
                intl[i] = (short) random.nextInt();
            }
            int length = encoder.encode(ext, intl, n);
            assertThat(length).isEqualTo(n * f.bytesPerFrame());
            assertThat(Arrays.copyOf(encoder.bytes(), length)).isEqualTo(perSample(f, ext, intl, n));
            assertThat(decoder.decode(ByteBuffer.wrap(encoder.bytes(), 0, length))).isEqualTo(n);
            for (int c = 0; c < f.channels().size(); c++) {
                short[] in = f.channels().get(c) == Channel.EXTERNAL ? ext : intl;
                short[] expected = new short[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = f.encoding() == AudioEncoding.L16 ? in[i] : MuLaw.decode(MuLaw.encode(in[i]));
                }
                assertThat(Arrays.copyOf(decoder.channels()[c], n)).as("channel %d", c).isEqualTo(expected);
            }
        }
    }
}
