package dev.voicegate.biometrics.internal.model;

import dev.voicegate.biometrics.frontend.CepstralExtractor;
import dev.voicegate.biometrics.frontend.FeatureNormalizer;
import java.util.Arrays;

/**
 * Spectral-envelope statistics of a stretch of speech: count, sum and sum of squares of the
 * un-normalised statics (c1..c19, log E) that the front end appends to every frame. The long-term
 * cepstral mean and spread carry the voice's average spectral envelope, which the GMM stream's
 * mean/variance normalisation removes on purpose; the model projects this vector with its own
 * LDA, trained on background speakers heard through clean and telephone channels, so the
 * channel-dependent directions are discounted. Additive like {@link SufficientStats}. Not thread-safe.
 */
public final class EnvelopeStats {

    /** Length of {@link #vector()}: the means, then the log standard deviations. */
    public static final int DIM = 2 * CepstralExtractor.STATIC_DIM;

    private static final int S = CepstralExtractor.STATIC_DIM;
    private static final int AT = FeatureNormalizer.DIM;

    private final double[] sum = new double[S];
    private final double[] sumSq = new double[S];
    private long frames;

    /** Accumulates one front-end frame (reads its raw statics). */
    public void accept(float[] frame) {
        for (int d = 0; d < S; d++) {
            double x = frame[AT + d];
            sum[d] += x;
            sumSq[d] += x * x;
        }
        frames++;
    }

    public void add(EnvelopeStats other) {
        for (int d = 0; d < S; d++) {
            sum[d] += other.sum[d];
            sumSq[d] += other.sumSq[d];
        }
        frames += other.frames;
    }

    public void subtract(EnvelopeStats other) {
        for (int d = 0; d < S; d++) {
            sum[d] -= other.sum[d];
            sumSq[d] -= other.sumSq[d];
        }
        frames -= other.frames;
    }

    public void clear() {
        Arrays.fill(sum, 0);
        Arrays.fill(sumSq, 0);
        frames = 0;
    }

    public long frames() {
        return frames;
    }

    /** {@code [mean_d, log(std_d + 1e-3)]} over the frames (zeros when empty). */
    public float[] vector() {
        float[] v = new float[DIM];
        if (frames == 0) {
            return v;
        }
        for (int d = 0; d < S; d++) {
            double mean = sum[d] / frames;
            double var = Math.max(sumSq[d] / frames - mean * mean, 0);
            v[d] = (float) mean;
            v[S + d] = (float) Math.log(Math.sqrt(var) + 1e-3);
        }
        return v;
    }
}
