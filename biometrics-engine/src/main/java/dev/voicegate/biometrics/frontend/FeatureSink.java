package dev.voicegate.biometrics.frontend;

/** Receives normalised feature vectors of speech frames, in order. */
@FunctionalInterface
public interface FeatureSink {

    /**
     * One speech frame's features.
     *
     * @param features   normalised statics + deltas, then the raw statics ({@link FeatureNormalizer#FRAME_DIM}
     *                   values); the array is reused after the call returns
     * @param frameIndex index of the 10 ms frame in the call (its start is {@code frameIndex * 10 ms})
     */
    void accept(float[] features, long frameIndex);
}
