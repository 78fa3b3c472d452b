package dev.voicegate.biometrics.frontend;

/**
 * One channel of decoded audio as PCM16 samples.
 *
 * @param samples    PCM16 samples (the array is owned by the clip; do not modify)
 * @param sampleRate samples per second (8000 or 16000)
 */
public record AudioClip(short[] samples, int sampleRate) {

    public AudioClip {
        if (sampleRate != 8000 && sampleRate != 16000) {
            throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: 8000|16000)");
        }
    }

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** This clip at 8 kHz (resampled if it was 16 kHz). */
    public short[] samples8k() {
        if (sampleRate == 8000) {
            return samples;
        }
        return new Resampler16To8().process(samples);
    }
}
