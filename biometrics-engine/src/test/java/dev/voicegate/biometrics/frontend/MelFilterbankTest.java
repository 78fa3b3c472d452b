package dev.voicegate.biometrics.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MelFilterbankTest {

    @Test
    void melScaleMatchesHandComputedValues() {
        // 2595 * log10(1 + 1000/700) = 999.985...
        assertThat(MelFilterbank.mel(1000)).isCloseTo(999.985, within(0.01));
        assertThat(MelFilterbank.hz(MelFilterbank.mel(3400))).isCloseTo(3400, within(1e-6));
    }

    @Test
    void trianglesMatchHandComputedWeights() {
        // 2 filters over 300..3400 Hz on a 256-point FFT at 8 kHz (bin spacing 31.25 Hz).
        // mel(300)=401.97, mel(3400)=2016.75; edges equally spaced in mel
        // → 300.00 Hz, 900.52 Hz, 1861.67 Hz, 3400.00 Hz.
        MelFilterbank bank = new MelFilterbank(2, 256, 8000, 300, 3400);
        // Bin 16 = 500 Hz on the rising edge of filter 0: (500 - 300) / (900.52 - 300) = 0.3330.
        assertThat(bank.weight(0, 16)).isCloseTo(0.3330, within(1e-3));
        // Bin 32 = 1000 Hz on the falling edge of filter 0: (1861.67 - 1000) / (1861.67 - 900.52) = 0.8965.
        assertThat(bank.weight(0, 32)).isCloseTo(0.8965, within(1e-3));
        // ... and on the rising edge of filter 1: (1000 - 900.52) / (1861.67 - 900.52) = 0.1035.
        assertThat(bank.weight(1, 32)).isCloseTo(0.1035, within(1e-3));
        // Outside the telephone band nothing passes.
        assertThat(bank.weight(0, 9)).isZero();
        assertThat(bank.weight(1, 110)).isZero();
    }

    @Test
    void applySumsWeightedPower() {
        MelFilterbank bank = new MelFilterbank(2, 256, 8000, 300, 3400);
        float[] power = new float[129];
        power[16] = 2f;
        power[32] = 1f;
        float[] out = new float[2];
        bank.apply(power, out);
        assertThat(out[0]).isCloseTo((float) (2 * bank.weight(0, 16) + bank.weight(0, 32)), within(1e-5f));
        assertThat(out[1]).isCloseTo((float) bank.weight(1, 32), within(1e-5f));
    }
}
