package dev.voicegate.biometrics.api;

/**
 * SPI: turns front-end features into embeddings and scores them (issue 4 §2). The default is the
 * GMM-supervector extractor; a neural model (e.g. ONNX) can be another implementation. Templates
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
