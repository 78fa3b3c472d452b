package dev.voicegate.biometrics.config;

/**
 * Front-end (VAD and crosstalk) settings.
 *
 * @param vadMarginDb        a frame is speech when its energy is this many dB above the adaptive
 *                           noise floor (default 9 dB)
 * @param vadMinEnergyDb     absolute minimum frame energy for speech, dB re 1 LSB² (default 30 dB,
 *                           about -60 dBFS), so digital silence is never speech
 * @param hangoverFrames     10 ms frames kept as speech after energy falls below the margin (default 8)
 * @param crosstalkMarginDb  a customer frame is dropped when the agent channel is speech and this
 *                           many dB louder (default 3 dB); only used when an agent channel is fed
 */
public record FrontEndConfig(double vadMarginDb, double vadMinEnergyDb, int hangoverFrames, double crosstalkMarginDb) {

    /** The documented defaults. */
    public static final FrontEndConfig DEFAULTS = new FrontEndConfig(9.0, 30.0, 8, 3.0);

    public FrontEndConfig {
        if (!(vadMarginDb > 0 && vadMarginDb <= 40)) {
            throw new IllegalArgumentException("biometrics.frontEnd.vadMarginDb: " + vadMarginDb + " (expected: 0 < x <= 40)");
        }
        if (!(vadMinEnergyDb >= 0 && vadMinEnergyDb <= 90)) {
            throw new IllegalArgumentException("biometrics.frontEnd.vadMinEnergyDb: " + vadMinEnergyDb + " (expected: 0..90)");
        }
        if (hangoverFrames < 0 || hangoverFrames > 100) {
            throw new IllegalArgumentException("biometrics.frontEnd.hangoverFrames: " + hangoverFrames + " (expected: 0..100)");
        }
        if (!(crosstalkMarginDb >= 0 && crosstalkMarginDb <= 40)) {
            throw new IllegalArgumentException("biometrics.frontEnd.crosstalkMarginDb: " + crosstalkMarginDb + " (expected: 0..40)");
        }
    }
}
