package dev.voicegate.audiohook.audio;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.MediaFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The decoder as first shipped (absolute {@code get(int)} per byte, per-channel inner loop): the
 * reference the optimised {@link AudioFrameDecoder} must match sample for sample, and the "before"
 * of {@code DecoderBench}. Test scope only.
 */
public final class PerSampleDecoder {

    private final MediaFormat format;
    private final ByteOrder l16Order;
    private final short[][] out;

    public PerSampleDecoder(MediaFormat format, ByteOrder l16Order, int maxSamples) {
        this.format = format;
        this.l16Order = l16Order;
        this.out = new short[format.channels().size()][maxSamples];
    }

    /** Decodes position..limit of {@code frame} without moving either; returns samples per channel. */
    public int decode(ByteBuffer frame) {
        int samples = frame.remaining() / format.bytesPerFrame();
        int nch = out.length;
        int p = frame.position();
        if (format.encoding() == AudioEncoding.PCMU) {
            for (int i = 0; i < samples; i++) {
                for (int c = 0; c < nch; c++) {
                    out[c][i] = MuLaw.decode(frame.get(p++));
                }
            }
        } else {
            boolean little = l16Order == ByteOrder.LITTLE_ENDIAN;
            for (int i = 0; i < samples; i++) {
                for (int c = 0; c < nch; c++) {
                    int b0 = frame.get(p++) & 0xFF;
                    int b1 = frame.get(p++) & 0xFF;
                    out[c][i] = (short) (little ? (b1 << 8) | b0 : (b0 << 8) | b1);
                }
            }
        }
        return samples;
    }

    public short[][] channels() {
        return out;
    }
}
