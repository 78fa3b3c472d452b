package dev.voicegate.biometrics.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MuLawTest {

    @Test
    void decodesG711ReferenceValues() {
        assertThat(MuLaw.decode(0xFF)).isEqualTo((short) 0);
        assertThat(MuLaw.decode(0x7F)).isEqualTo((short) 0);
        assertThat(MuLaw.decode(0x00)).isEqualTo((short) -32124);
        assertThat(MuLaw.decode(0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode(0xF0)).isEqualTo((short) 120);
        assertThat(MuLaw.decode(0x70)).isEqualTo((short) -120);
    }

    @Test
    void encodeThenDecodeStaysWithinTheQuantisationStep() {
        for (int s = -32000; s <= 32000; s += 37) {
            short back = MuLaw.decode(MuLaw.encode((short) s));
            assertThat(Math.abs(back - s)).as("sample %d", s).isLessThanOrEqualTo(Math.max(8, Math.abs(s) / 16));
        }
    }
}
