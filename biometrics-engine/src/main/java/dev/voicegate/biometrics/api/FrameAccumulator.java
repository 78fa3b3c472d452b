package dev.voicegate.biometrics.api;

/**
 * Accumulates front-end feature frames of one stretch of speech and turns them into an embedding.
 * Additive: {@link #add}/{@link #subtract} of another accumulator of the same extractor combine
 * stretches (used for sliding windows and multi-call enrollment). Not thread-safe.
 */
public interface FrameAccumulator {

    /**
     * One feature frame, not retained: the extractor's {@link VoiceprintExtractor#newFeaturePipeline own pipeline}'s
     * frames, or else the shared front end's (normalised statics + deltas, then the raw statics).
     */
    void accept(float[] features);

    /** Adds another accumulator's content. */
    void add(FrameAccumulator other);

    /** Removes another accumulator's content previously added. */
    void subtract(FrameAccumulator other);

    /** Forgets everything. */
    void clear();

    /** Frames accumulated. */
    long frames();

    /** Unit-length embedding of what was accumulated (a fresh array). */
    float[] embedding();

    /** An independent copy of this accumulator's content (for snapshots of a running call). */
    FrameAccumulator copy();
}
