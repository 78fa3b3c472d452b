package dev.voicegate.audiohook.audio;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.MediaFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes binary AudioHook frames (fact sheet §4) of one selected media format to PCM16,
 * de-interleaved per channel in the selected channel order. One instance per session; not
 * thread-safe. The output arrays are reused and grow to the largest frame seen.
 */
public final class AudioFrameDecoder {

    private final MediaFormat format;
    private final ByteOrder l16Order;
    private short[][] out;

    /**
     * @param format   the selected media
     * @param l16Order byte order of L16 samples (the reference uses little-endian)
     */
    public AudioFrameDecoder(MediaFormat format, ByteOrder l16Order) {
        this.format = format;
        this.l16Order = l16Order;
        // Allocated on the first frame: a paused session (most of them, when gated) costs nothing here.
        this.out = new short[format.channels().size()][0];
    }

    /** The format this decoder reads. */
    public MediaFormat format() {
        return format;
    }

    /**
     * Whether {@code bytes} is a valid frame length: a whole number of sample frames across all
     * channels (0 is valid). Unlike the reference we check L16 frames fully (its check has a
     * precedence bug, fact sheet §4).
     */
    public boolean isValidLength(int bytes) {
        return bytes % format.bytesPerFrame() == 0;
    }

    /**
     * Decodes {@code frame} from its position to its limit without changing either.
     *
     * @return samples per channel, readable in {@link #channels()} until the next call
     * @throws IllegalArgumentException when the length is not a whole number of sample frames
     */
    public int decode(ByteBuffer frame) {
        int bytes = frame.remaining();
        if (!isValidLength(bytes)) {
            throw new IllegalArgumentException("Binary data not a valid audio frame (" + bytes + " bytes, "
                    + format.encoding() + " x" + format.channels().size() + ")");
        }
        int samples = bytes / format.bytesPerFrame();
        int nch = out.length;
        if (out[0].length < samples) {
            // Grows to the largest frame seen (typically 1600 samples = 200 ms) and is then reused.
            out = new short[nch][samples];
        }
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

    /** The decoded samples of the last {@link #decode} call (reused arrays). */
    public short[][] channels() {
        return out;
    }
}
