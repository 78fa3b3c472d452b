package dev.voicegate.biometrics.frontend;

/**
 * Streaming 16 kHz → 8 kHz decimator: a 63-tap Hamming-windowed-sinc low-pass (cut-off 3.7 kHz)
 * followed by keeping every second sample. Keeps its filter history between chunks, so chunked
 * and whole-file input give identical output. Not thread-safe.
 */
public final class Resampler16To8 {

    private static final int TAPS = 63;
    private static final float[] KERNEL = kernel();

    private final float[] history = new float[TAPS];
    private int pos;
    private long inputCount;

    private static float[] kernel() {
        float[] h = new float[TAPS];
        double cutoff = 3700.0 / 16000.0;
        double sum = 0;
        int mid = TAPS / 2;
        for (int i = 0; i < TAPS; i++) {
            int n = i - mid;
            double sinc = n == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * n) / (Math.PI * n);
            double window = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (TAPS - 1));
            h[i] = (float) (sinc * window);
            sum += h[i];
        }
        for (int i = 0; i < TAPS; i++) {
            h[i] /= (float) sum;
        }
        return h;
    }

    /** Filters and decimates one chunk of 16 kHz samples; returns the 8 kHz samples it completes. */
    public short[] process(short[] in) {
        short[] out = new short[(int) ((inputCount + in.length + 1) / 2 - (inputCount + 1) / 2)];
        int o = 0;
        for (short s : in) {
            history[pos] = s;
            pos = (pos + 1) % TAPS;
            if ((inputCount & 1) == 0) {
                double acc = 0;
                int idx = pos;
                for (int k = 0; k < TAPS; k++) {
                    acc += KERNEL[k] * history[idx];
                    idx = idx + 1 == TAPS ? 0 : idx + 1;
                }
                out[o++] = clip(acc);
            }
            inputCount++;
        }
        return out;
    }

    private static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
