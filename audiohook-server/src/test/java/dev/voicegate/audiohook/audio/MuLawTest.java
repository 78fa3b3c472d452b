package dev.voicegate.audiohook.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MuLawTest {

    /** Values of the ITU-T G.711 µ-law decoding table (segment end points and zero codes). */
    @ParameterizedTest
    @CsvSource({"0x00,-32124", "0x0F,-16764", "0x10,-15996", "0x1F,-8316", "0x20,-7932", "0x30,-3900",
            "0x40,-1884", "0x50,-876", "0x60,-372", "0x70,-120", "0x7E,-8", "0x7F,0",
            "0x80,32124", "0x8F,16764", "0x90,15996", "0xA0,7932", "0xB0,3900", "0xC0,1884", "0xD0,876",
            "0xE0,372", "0xF0,120", "0xFE,8", "0xFF,0"})
    void decodesItuTableValues(String code, int linear) {
        assertThat(MuLaw.decode((byte) Integer.parseInt(code.substring(2), 16))).isEqualTo((short) linear);
    }

    @Test
    void encodeInvertsDecodeForEveryNonZeroCode() {
        for (int code = 0; code < 256; code++) {
            short linear = MuLaw.decode((byte) code);
            if (linear != 0) {
                assertThat(MuLaw.encode(linear) & 0xFF).as("code 0x%02X", code).isEqualTo(code);
            }
        }
        assertThat(MuLaw.encode((short) 0) & 0xFF).isEqualTo(0xFF);
    }

    @Test
    void encodeClipsExtremesToTheOuterSegment() {
        assertThat(MuLaw.encode(Short.MAX_VALUE) & 0xFF).isEqualTo(0x80);
        assertThat(MuLaw.encode(Short.MIN_VALUE) & 0xFF).isEqualTo(0x00);
    }

    @Test
    void encodingIsMonotonicAndWithinQuantisationError() {
        for (int s = -32000; s <= 32000; s += 7) {
            short back = MuLaw.decode(MuLaw.encode((short) s));
            assertThat(Math.abs(back - s)).as("sample %d", s).isLessThanOrEqualTo(Math.max(8, Math.abs(s) / 16 + 8));
        }
    }

    /** The encoder as first shipped (segment found by a bit-scan loop): the table version must match it. */
    private static byte loopEncode(short sample) {
        int s = sample;
        int sign = 0;
        if (s < 0) {
            s = -s;
            sign = 0x80;
        }
        s = Math.min(s, 32_635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        return (byte) ~(sign | (exponent << 4) | ((s >> (exponent + 3)) & 0x0F));
    }

    @Test
    void tableEncoderMatchesTheBitScanEncoderForEverySample() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            if (MuLaw.encode((short) s) != loopEncode((short) s)) {
                assertThat(MuLaw.encode((short) s)).as("sample %d", s).isEqualTo(loopEncode((short) s));
            }
        }
    }
}
