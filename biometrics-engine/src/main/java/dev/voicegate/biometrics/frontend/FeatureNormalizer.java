package dev.voicegate.biometrics.frontend;

/**
 * Streaming stage after the statics: deltas over ±2 speech frames, then causal mean/variance
 * normalisation over a sliding window of the last 300 speech frames. The first 100 frames are held
 * back until the window has enough data (or until {@link #flush()}), so early frames are normalised
 * with real statistics instead of none. Each output frame has {@link #FRAME_DIM} values: the
 * {@link #DIM} normalised statics and deltas the GMM models, followed by the frame's
 * {@code STATIC_DIM} un-normalised statics (for the spectral-envelope statistics of the voiceprint,
 * which need the level that normalisation removes). Not thread-safe.
 */
public final class FeatureNormalizer {

    /** Normalised features: statics followed by deltas. */
    public static final int DIM = 2 * CepstralExtractor.STATIC_DIM;
    /** Whole output frame: the {@link #DIM} normalised features, then the raw statics. */
    public static final int FRAME_DIM = DIM + CepstralExtractor.STATIC_DIM;

    private static final int S = CepstralExtractor.STATIC_DIM;
    private static final int WINDOW = 300;
    private static final int WARMUP = 100;

    private final FeatureSink sink;
    private final float[][] ctx = new float[5][S];
    private final long[] ctxFrame = new long[5];
    private int ctxCount;
    private final float[][] window = new float[WINDOW][DIM];
    private final long[] windowFrame = new long[WINDOW];
    private long windowCount;
    private final double[] sum = new double[DIM];
    private final double[] sumSq = new double[DIM];
    private int emitted;
    private final float[] out = new float[FRAME_DIM];

    public FeatureNormalizer(FeatureSink sink) {
        this.sink = sink;
    }

    /** Accepts the statics of one speech frame (copied). */
    public void accept(float[] statics, long frameIndex) {
        if (ctxCount == 5) {
            System.arraycopy(ctx, 1, ctx, 0, 4);
            System.arraycopy(ctxFrame, 1, ctxFrame, 0, 4);
            ctx[4] = new float[S];
            ctxCount = 4;
        }
        if (ctxCount == 0) {
            // Edge replication so the first frames get deltas too.
            for (int i = 0; i < 2; i++) {
                System.arraycopy(statics, 0, ctx[i], 0, S);
                ctxFrame[i] = frameIndex;
            }
            ctxCount = 2;
        }
        System.arraycopy(statics, 0, ctx[ctxCount], 0, S);
        ctxFrame[ctxCount++] = frameIndex;
        if (ctxCount == 5) {
            pushDelta();
        }
    }

    private void pushDelta() {
        float[] v = new float[DIM];
        System.arraycopy(ctx[2], 0, v, 0, S);
        for (int d = 0; d < S; d++) {
            v[S + d] = (ctx[3][d] - ctx[1][d] + 2 * (ctx[4][d] - ctx[0][d])) / 10f;
        }
        addToWindow(v, ctxFrame[2]);
    }

    private void addToWindow(float[] v, long frameIndex) {
        int slot = (int) (windowCount % WINDOW);
        if (windowCount >= WINDOW) {
            float[] old = window[slot];
            for (int d = 0; d < DIM; d++) {
                sum[d] -= old[d];
                sumSq[d] -= old[d] * (double) old[d];
            }
        }
        window[slot] = v;
        windowFrame[slot] = frameIndex;
        for (int d = 0; d < DIM; d++) {
            sum[d] += v[d];
            sumSq[d] += v[d] * (double) v[d];
        }
        windowCount++;
        if (windowCount == WARMUP) {
            for (int i = emitted; i < WARMUP; i++) {
                emit(i);
            }
        } else if (windowCount > WARMUP) {
            emit(slot);
        }
    }

    private void emit(int slot) {
        long n = Math.min(windowCount, WINDOW);
        float[] v = window[slot];
        for (int d = 0; d < DIM; d++) {
            double mean = sum[d] / n;
            double var = Math.max(sumSq[d] / n - mean * mean, 1e-4);
            out[d] = (float) ((v[d] - mean) / Math.sqrt(var));
        }
        System.arraycopy(v, 0, out, DIM, S);
        emitted++;
        sink.accept(out, windowFrame[slot]);
    }

    /** Emits everything held back (the last two frames with replicated right context, the warm-up). */
    public void flush() {
        if (ctxCount >= 3) {
            for (int pad = 0; pad < 2; pad++) {
                float[] last = ctx[ctxCount - 1].clone();
                long lastFrame = ctxFrame[ctxCount - 1];
                if (ctxCount == 5) {
                    System.arraycopy(ctx, 1, ctx, 0, 4);
                    System.arraycopy(ctxFrame, 1, ctxFrame, 0, 4);
                    ctxCount = 4;
                }
                ctx[ctxCount] = last;
                ctxFrame[ctxCount++] = lastFrame;
                if (ctxCount == 5) {
                    pushDelta();
                }
            }
        }
        ctxCount = 0;
        if (windowCount < WARMUP) {
            for (int i = emitted; i < windowCount; i++) {
                emit(i);
            }
        }
    }

    /** Frames emitted so far. */
    public int emitted() {
        return emitted;
    }
}
