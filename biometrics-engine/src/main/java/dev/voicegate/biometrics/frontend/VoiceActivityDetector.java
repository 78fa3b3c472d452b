package dev.voicegate.biometrics.frontend;

import dev.voicegate.biometrics.config.FrontEndConfig;

/**
 * Energy VAD with an adaptive noise floor by minimum statistics: the floor is the lowest frame
 * energy of the last 2 s, so it settles on the background level whatever it is (line hiss, car
 * noise) and follows a louder background within 2 s, while speech (which always has pauses and
 * dips between syllables) does not lift it. A frame is speech when its energy exceeds
 * {@code floor + margin} and the absolute minimum, with a hangover so word endings are kept.
 * Not thread-safe.
 */
public final class VoiceActivityDetector {

    private static final int WINDOW = 200;

    private final FrontEndConfig config;
    private final double[] recent = new double[WINDOW];
    private int count;
    private double floorDb = Double.NaN;
    private int hangover;

    public VoiceActivityDetector(FrontEndConfig config) {
        this.config = config;
    }

    /** Frame energy in dB re 1 LSB² (PCM16 scale) of {@code n} samples from {@code offset}. */
    public static double energyDb(float[] frame, int offset, int n) {
        double sum = 0;
        for (int i = offset; i < offset + n; i++) {
            sum += frame[i] * (double) frame[i];
        }
        return 10 * Math.log10(sum / n + 1.0);
    }

    /** Classifies one frame by its energy and updates the floor; returns true for speech. */
    public boolean accept(double energyDb) {
        recent[count++ % WINDOW] = energyDb;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0, n = Math.min(count, WINDOW); i < n; i++) {
            min = Math.min(min, recent[i]);
        }
        floorDb = min;
        boolean loud = energyDb > floorDb + config.vadMarginDb() && energyDb > config.vadMinEnergyDb();
        if (loud) {
            hangover = config.hangoverFrames();
            return true;
        }
        if (hangover > 0) {
            hangover--;
            return energyDb > config.vadMinEnergyDb();
        }
        return false;
    }

    /** Current noise-floor estimate in dB (NaN before the first frame). */
    public double floorDb() {
        return floorDb;
    }
}
