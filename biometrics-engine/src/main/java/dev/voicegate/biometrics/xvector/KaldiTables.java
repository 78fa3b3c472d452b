package dev.voicegate.biometrics.xvector;

/**
 * The constant tables of Kaldi's MFCC, built the way Kaldi builds them (same formulas, same float/double mix):
 * the Povey window ({@code feature-window.cc} FeatureWindowFunction), the mel filter bank
 * ({@code mel-computations.cc} MelBanks, VTLN warp 1), the DCT matrix ({@code matrix-functions.cc}
 * ComputeDctMatrix) and the lifter ({@code mel-computations.cc} ComputeLifterCoeffs). Immutable once built.
 */
final class KaldiTables {

    private KaldiTables() {
    }

    /** {@code (0.5 - 0.5 cos(2πi/(N-1)))^0.85}, computed in double, stored as float. */
    static float[] poveyWindow(int n) {
        float[] w = new float[n];
        double a = 2 * Math.PI / (n - 1);
        for (int i = 0; i < n; i++) {
            w[i] = (float) Math.pow(0.5 - 0.5 * Math.cos(a * i), 0.85);
        }
        return w;
    }

    /** Kaldi's {@code MelScale}: {@code 1127 ln(1 + f/700)} in float. */
    static float melScale(float freq) {
        return 1127.0f * (float) Math.log(1.0f + freq / 700.0f);
    }

    /** One triangular bin: its weights start at FFT bin {@code offset}. */
    record Bin(int offset, float[] weights) {
    }

    /** The filter bank: triangles on the mel scale over FFT bins {@code 0 .. fftSize/2 - 1}. */
    record MelBanks(Bin[] bins) {

        /** {@code out[b] = Σ weights·power[offset ..]} (power has at least fftSize/2 values). */
        void apply(double[] power, double[] out) {
            for (int b = 0; b < bins.length; b++) {
                Bin bin = bins[b];
                float[] w = bin.weights();
                double acc = 0;
                for (int i = 0; i < w.length; i++) {
                    acc += w[i] * power[bin.offset() + i];
                }
                out[b] = acc;
            }
        }
    }

    static MelBanks melBanks(int numBins, int fftSize, float sampleFreq, float lowFreq, float highFreq) {
        int numFftBins = fftSize / 2;
        float fftBinWidth = sampleFreq / fftSize;
        float melLow = melScale(lowFreq);
        float melHigh = melScale(highFreq);
        // divided by numBins + 1: the outer triangles spread half a bin beyond the edges
        float delta = (melHigh - melLow) / (numBins + 1);
        Bin[] bins = new Bin[numBins];
        float[] tmp = new float[numFftBins];
        for (int bin = 0; bin < numBins; bin++) {
            float left = melLow + bin * delta;
            float center = melLow + (bin + 1) * delta;
            float right = melLow + (bin + 2) * delta;
            int first = -1;
            int last = -1;
            for (int i = 0; i < numFftBins; i++) {
                float mel = melScale(fftBinWidth * i);
                if (mel > left && mel < right) {
                    tmp[i] = mel <= center ? (mel - left) / (center - left) : (right - mel) / (right - center);
                    if (first == -1) {
                        first = i;
                    }
                    last = i;
                }
            }
            if (first == -1) {
                throw new IllegalArgumentException("mel bin " + bin + " is empty (too many bins for the FFT size)");
            }
            bins[bin] = new Bin(first, java.util.Arrays.copyOfRange(tmp, first, last + 1));
        }
        return new MelBanks(bins);
    }

    /** Row 0 = {@code sqrt(1/N)}, row k = {@code sqrt(2/N) cos(π/N (n + 0.5) k)}. */
    static float[][] dctMatrix(int rows, int cols) {
        float[][] m = new float[rows][cols];
        float n0 = (float) Math.sqrt(1.0 / cols);
        java.util.Arrays.fill(m[0], n0);
        float nk = (float) Math.sqrt(2.0 / cols);
        for (int k = 1; k < rows; k++) {
            for (int n = 0; n < cols; n++) {
                m[k][n] = (float) (nk * Math.cos(Math.PI / cols * (n + 0.5) * k));
            }
        }
        return m;
    }

    /** {@code 1 + Q/2 sin(πi/Q)}; index 0 (c0) is 1. */
    static float[] lifterCoefficients(int n, float q) {
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = (float) (1.0 + 0.5 * q * Math.sin(Math.PI * i / q));
        }
        return c;
    }
}
