package dev.voicegate.biometrics.xvector;

/**
 * Kaldi's {@code compute-vad} exactly ({@code ivector/voice-activity-detection.cc} ComputeVadEnergy): the threshold
 * uses the mean c0 of the whole utterance, so it needs all frames first. It is the reference the streaming
 * {@link StreamingVad} is measured against, and the right choice for offline (whole-file) extraction.
 * Stateless and thread-safe.
 */
public final class KaldiComputeVad {

    private KaldiComputeVad() {
    }

    /**
     * @param c0 the raw (not mean-normalised) c0 of every frame of the utterance
     * @return one decision per frame; empty for no frames
     */
    public static boolean[] compute(float[] c0, VadOptions options) {
        int n = c0.length;
        boolean[] voiced = new boolean[n];
        if (n == 0) {
            return voiced;
        }
        double sum = 0;
        for (float e : c0) {
            sum += e;
        }
        float threshold = options.threshold((float) (sum / n));
        int context = options.framesContext();
        for (int t = 0; t < n; t++) {
            int loud = 0;
            int counted = 0;
            for (int u = Math.max(0, t - context); u <= Math.min(n - 1, t + context); u++) {
                counted++;
                if (c0[u] > threshold) {
                    loud++;
                }
            }
            voiced[t] = options.voiced(loud, counted);
        }
        return voiced;
    }

    /** Convenience: column 0 of a frame matrix. */
    public static float[] c0(float[][] mfcc) {
        float[] c0 = new float[mfcc.length];
        for (int t = 0; t < mfcc.length; t++) {
            c0[t] = mfcc[t][0];
        }
        return c0;
    }
}
