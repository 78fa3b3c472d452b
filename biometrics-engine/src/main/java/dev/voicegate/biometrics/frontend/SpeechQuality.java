package dev.voicegate.biometrics.frontend;

/**
 * Speech quality of the audio seen so far.
 *
 * @param totalSeconds     audio fed (customer channel)
 * @param netSpeechSeconds speech frames kept for modelling × 10 ms (after crosstalk removal)
 * @param snrDb            mean speech-frame energy minus the mean noise floor, dB (0 when no speech)
 * @param clippingRatio    fraction of samples at or near full scale (0..1)
 * @param crosstalkSeconds speech frames dropped because the agent channel dominated
 */
public record SpeechQuality(double totalSeconds, double netSpeechSeconds, double snrDb, double clippingRatio,
                            double crosstalkSeconds) {

    /** No audio yet. */
    public static final SpeechQuality EMPTY = new SpeechQuality(0, 0, 0, 0, 0);
}
