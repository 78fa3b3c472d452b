package dev.voicegate.biometrics.frontend;

/** ITU-T G.711 µ-law codec (the 8-bit companding used on North American telephone lines). Thread-safe. */
public final class MuLaw {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int exponent = (u >> 4) & 0x07;
            int mantissa = u & 0x0F;
            int magnitude = ((mantissa << 3) + BIAS) << exponent;
            int sample = magnitude - BIAS;
            DECODE[i] = (short) ((u & 0x80) != 0 ? -sample : sample);
        }
    }

    private MuLaw() {
    }

    /** Decodes one µ-law byte (0..255 in the low 8 bits) to linear PCM16. */
    public static short decode(int muLawByte) {
        return DECODE[muLawByte & 0xFF];
    }

    /** Encodes one linear PCM16 sample to a µ-law byte. */
    public static byte encode(short pcm) {
        int sample = pcm;
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        sample += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
