package dev.voicegate.audiohook.audio;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.MediaFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes binary AudioHook frames (fact sheet §4) of one selected media format to PCM16,
 * de-interleaved per channel in the selected channel order. One instance per session; not
 * thread-safe. The output arrays are reused and grow to the largest frame seen.
 *
 * <p>Hot path (every audio frame of every streaming session): the frame is first copied in one bulk
 * get into a per-thread scratch array (or read in place when it is heap-backed), then decoded by a
 * flat loop per layout, µ-law through a 256-entry table. Reading a direct buffer byte by byte with
 * {@code get(int)} cost about four times as much ({@code DecoderBench}).
 */
public final class AudioFrameDecoder {

    /**
     * Frame bytes of direct buffers, one array per decoding thread (an event loop), used only inside
     * {@link #decode}. Per thread rather than per session so paused and idle sessions cost nothing;
     * it grows to the largest frame decoded on that thread, bounded by the server's frame limit.
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    private final MediaFormat format;
    private final boolean littleEndian;
    private short[][] out;

    /**
     * @param format   the selected media
     * @param l16Order byte order of L16 samples (the reference uses little-endian)
     */
    public AudioFrameDecoder(MediaFormat format, ByteOrder l16Order) {
        this.format = format;
        this.littleEndian = l16Order == ByteOrder.LITTLE_ENDIAN;
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
     * Decodes {@code frame} from its position to its limit without changing either. The caller keeps
     * ownership of the buffer; nothing refers to it after this call returns.
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
        if (out[0].length < samples) {
            // Grows to the largest frame seen (typically 1600 samples = 200 ms) and is then reused.
            out = new short[out.length][samples];
        }
        byte[] src;
        int offset;
        if (frame.hasArray()) {
            src = frame.array();
            offset = frame.arrayOffset() + frame.position();
        } else {
            src = scratch(bytes);
            frame.get(frame.position(), src, 0, bytes);
            offset = 0;
        }
        if (format.encoding() == AudioEncoding.PCMU) {
            decodeMuLaw(src, offset, samples);
        } else {
            decodeL16(src, offset, samples);
        }
        return samples;
    }

    /** The decoded samples of the last {@link #decode} call (reused arrays). */
    public short[][] channels() {
        return out;
    }

    private static byte[] scratch(int bytes) {
        byte[] s = SCRATCH.get();
        if (s.length < bytes) {
            s = new byte[bytes];
            SCRATCH.set(s);
        }
        return s;
    }

    private void decodeMuLaw(byte[] src, int offset, int samples) {
        short[] table = MuLaw.DECODE;
        short[] a = out[0];
        if (out.length == 1) {
            for (int i = 0; i < samples; i++) {
                a[i] = table[src[offset + i] & 0xFF];
            }
        } else if (out.length == 2) {
            short[] b = out[1];
            for (int i = 0, p = offset; i < samples; i++, p += 2) {
                a[i] = table[src[p] & 0xFF];
                b[i] = table[src[p + 1] & 0xFF];
            }
        } else {
            int nch = out.length;
            for (int c = 0; c < nch; c++) {
                short[] o = out[c];
                for (int i = 0, p = offset + c; i < samples; i++, p += nch) {
                    o[i] = table[src[p] & 0xFF];
                }
            }
        }
    }

    private void decodeL16(byte[] src, int offset, int samples) {
        int nch = out.length;
        int step = 2 * nch;
        // Index of the high and the low byte within a sample.
        int hi = littleEndian ? 1 : 0;
        int lo = 1 - hi;
        for (int c = 0; c < nch; c++) {
            short[] o = out[c];
            for (int i = 0, p = offset + 2 * c; i < samples; i++, p += step) {
                o[i] = (short) ((src[p + hi] << 8) | (src[p + lo] & 0xFF));
            }
        }
    }
}
