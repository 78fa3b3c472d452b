package dev.voicegate.biometrics.frontend;

/**
 * Triangular mel filterbank over FFT power bins (HTK mel scale {@code 2595·log10(1 + f/700)}),
 * centres equally spaced in mel between {@code lowHz} and {@code highHz}; each triangle rises from
 * the previous centre to its own and falls to the next, peak weight 1. Immutable, thread-safe.
 */
public final class MelFilterbank {

    private final float[][] weights;
    private final int[] firstBin;

    public MelFilterbank(int filters, int fftSize, int sampleRate, double lowHz, double highHz) {
        double lowMel = mel(lowHz);
        double highMel = mel(highHz);
        double[] edgesHz = new double[filters + 2];
        for (int i = 0; i < edgesHz.length; i++) {
            edgesHz[i] = hz(lowMel + (highMel - lowMel) * i / (filters + 1));
        }
        int bins = fftSize / 2 + 1;
        weights = new float[filters][];
        firstBin = new int[filters];
        for (int m = 0; m < filters; m++) {
            float[] w = new float[bins];
            int first = -1;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * (double) sampleRate / fftSize;
                double v = 0;
                if (f > edgesHz[m] && f <= edgesHz[m + 1]) {
                    v = (f - edgesHz[m]) / (edgesHz[m + 1] - edgesHz[m]);
                } else if (f > edgesHz[m + 1] && f < edgesHz[m + 2]) {
                    v = (edgesHz[m + 2] - f) / (edgesHz[m + 2] - edgesHz[m + 1]);
                }
                if (v > 0) {
                    first = first < 0 ? k : first;
                    last = k;
                }
                w[k] = (float) v;
            }
            firstBin[m] = Math.max(first, 0);
            weights[m] = java.util.Arrays.copyOfRange(w, firstBin[m], Math.max(last + 1, firstBin[m]));
        }
    }

    /** HTK mel of a frequency in Hz. */
    public static double mel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** Inverse of {@link #mel(double)}. */
    public static double hz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    public int filters() {
        return weights.length;
    }

    /** Weight of filter {@code m} on FFT bin {@code k}. */
    public double weight(int m, int k) {
        int i = k - firstBin[m];
        return i >= 0 && i < weights[m].length ? weights[m][i] : 0.0;
    }

    /** Applies the bank to a power spectrum ({@code fftSize/2+1} bins) into {@code out}. */
    public void apply(float[] power, float[] out) {
        for (int m = 0; m < weights.length; m++) {
            float[] w = weights[m];
            int b = firstBin[m];
            double acc = 0;
            for (int i = 0; i < w.length; i++) {
                acc += w[i] * power[b + i];
            }
            out[m] = (float) acc;
        }
    }
}
