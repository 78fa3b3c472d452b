package dev.voicegate.audiohook.audio;

/**
 * G.711 µ-law (ITU-T G.711, segment/bias form, bias 0x84). Decoding is a 256-entry table lookup;
 * encoding clips at ±32635 and finds the segment with a 256-entry table. Thread-safe.
 */
public final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32_635;
    /** Code → sample; package-private for the decoder's loops, which must never write to it. */
    static final short[] DECODE = new short[256];

    /** Index: a biased magnitude shifted right by 7 (0..255); value: its µ-law segment (0..7). */
    private static final byte[] EXPONENT = new byte[256];

    static {
        for (int v = 2; v < 256; v++) {
            EXPONENT[v] = (byte) (31 - Integer.numberOfLeadingZeros(v));
        }
        for (int code = 0; code < 256; code++) {
            int u = ~code & 0xFF;
            int sign = u & 0x80;
            int exponent = (u >> 4) & 0x07;
            int mantissa = u & 0x0F;
            int magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS;
            DECODE[code] = (short) (sign != 0 ? -magnitude : magnitude);
        }
    }

    private MuLaw() {
    }

    /** Decodes one µ-law byte to a linear PCM16 sample. */
    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    /** Encodes one linear PCM16 sample to µ-law. */
    public static byte encode(short sample) {
        int s = sample;
        int sign = 0;
        if (s < 0) {
            s = -s;
            sign = 0x80;
        }
        if (s > CLIP) {
            s = CLIP;
        }
        s += BIAS;
        // Segment = position of the highest set bit among bits 14..7 (0 when none): one lookup.
        int exponent = EXPONENT[s >> 7];
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
