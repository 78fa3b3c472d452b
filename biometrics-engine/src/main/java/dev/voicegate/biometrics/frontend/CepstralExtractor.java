package dev.voicegate.biometrics.frontend;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Per-frame telephone-band cepstra: pre-emphasis (0.97), Hamming window, 256-point FFT
 * (JTransforms), power spectrum, 24-filter mel bank over 300–3400 Hz, log, DCT-II; the output is
 * cepstra c1..c19 followed by the frame's log energy (20 values). Not thread-safe (scratch buffers).
 */
public final class CepstralExtractor {

    /** Samples per 25 ms frame at 8 kHz. */
    public static final int FRAME = 200;
    /** Samples per 10 ms hop at 8 kHz. */
    public static final int HOP = 80;
    /** FFT length. */
    public static final int FFT = 256;
    /** Number of static coefficients per frame. */
    public static final int STATIC_DIM = 20;

    private static final int FILTERS = 24;
    private static final float PRE_EMPHASIS = 0.97f;
    private static final float[] WINDOW = hamming(FRAME);
    private static final MelFilterbank BANK = new MelFilterbank(FILTERS, FFT, 8000, 300, 3400);
    private static final float[][] DCT = dct(STATIC_DIM - 1, FILTERS);

    private final FloatFFT_1D fft = new FloatFFT_1D(FFT);
    private final float[] buf = new float[FFT];
    private final float[] power = new float[FFT / 2 + 1];
    private final float[] mel = new float[FILTERS];

    private static float[] hamming(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (n - 1)));
        }
        return w;
    }

    private static float[][] dct(int ceps, int filters) {
        float[][] d = new float[ceps][filters];
        for (int c = 0; c < ceps; c++) {
            for (int m = 0; m < filters; m++) {
                d[c][m] = (float) (Math.sqrt(2.0 / filters) * Math.cos(Math.PI * (c + 1) * (m + 0.5) / filters));
            }
        }
        return d;
    }

    /** Log mel energies (24 bands) of the frame last passed to {@link #extract}; reused, do not keep. */
    public float[] lastLogMel() {
        return mel;
    }

    /** Computes the 20 statics of {@code frame[offset .. offset+FRAME)} into {@code out}. */
    public void extract(float[] frame, int offset, float[] out) {
        double energy = 0;
        float prev = frame[offset];
        for (int i = 0; i < FRAME; i++) {
            float x = frame[offset + i];
            energy += x * (double) x;
            buf[i] = (x - PRE_EMPHASIS * prev) * WINDOW[i];
            prev = x;
        }
        java.util.Arrays.fill(buf, FRAME, FFT, 0f);
        fft.realForward(buf);
        power[0] = buf[0] * buf[0];
        power[FFT / 2] = buf[1] * buf[1];
        for (int k = 1; k < FFT / 2; k++) {
            float re = buf[2 * k];
            float im = buf[2 * k + 1];
            power[k] = re * re + im * im;
        }
        BANK.apply(power, mel);
        for (int m = 0; m < FILTERS; m++) {
            mel[m] = (float) Math.log(mel[m] + 1.0);
        }
        for (int c = 0; c < STATIC_DIM - 1; c++) {
            float[] row = DCT[c];
            float acc = 0;
            for (int m = 0; m < FILTERS; m++) {
                acc += row[m] * mel[m];
            }
            out[c] = acc;
        }
        out[STATIC_DIM - 1] = (float) Math.log(energy / FRAME + 1.0);
    }
}
