package dev.voicegate.biometrics.api;

/**
 * SPI: turns front-end features into embeddings and scores them (issue 4 §2). The default is the
 * telephone x-vector extractor ({@code vg-xvec}); the GMM-supervector extractor ({@code vg-gmmsv}) is
 * the named alternative. An extractor either takes the shared front end's frames
 * ({@link dev.voicegate.biometrics.frontend.FrontEnd}: normalised cepstra + deltas of the frames it
 * keeps as speech) or brings its own {@link FeaturePipeline} ({@link #newFeaturePipeline}). Templates
 * carry {@link #engineId()} and {@link #engineVersion()}; templates of any other id or version are
 * refused, never compared. Implementations are immutable and thread-safe (accumulators are not).
 */
public interface VoiceprintExtractor {

    /** Short id written into every template, e.g. {@code "vg-gmmsv"} (≤ 8 ASCII characters). */
    String engineId();

    /** Version of the trained model (≥ 1); bumps whenever embeddings change. */
    int engineVersion();

    /** Embedding dimension. */
    int dimension();

    /**
     * This extractor's own feature pipeline for one call, delivering the frames its accumulators take, or
     * {@code null} (the default) when they take the shared front end's speech frames.
     *
     * @param sink receives the frames, in order
     */
    default FeaturePipeline newFeaturePipeline(FeaturePipeline.Sink sink) {
        return null;
    }

    /**
     * Whether {@link FrameAccumulator#accept} is costly enough (a neural network) that the engine must run it
     * off the caller's thread. Default false.
     */
    default boolean heavyAccumulation() {
        return false;
    }

    /** A new, empty accumulator. */
    FrameAccumulator newAccumulator();

    /** Raw similarity of two unit embeddings (cosine for the default extractor). */
    default double rawScore(float[] a, float[] b) {
        double acc = 0;
        for (int i = 0; i < a.length; i++) {
            acc += a[i] * (double) b[i];
        }
        return acc;
    }

    /** Calibrated score in [0, 1], strictly increasing in the raw score. */
    double calibrate(double rawScore);
}
