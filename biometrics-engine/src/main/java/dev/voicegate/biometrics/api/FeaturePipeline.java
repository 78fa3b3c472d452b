package dev.voicegate.biometrics.api;

/**
 * The per-call feature pipeline an extractor brings with it (issue 9 §2): the 8 kHz customer audio in,
 * the extractor's own feature frames out to a sink, in order. Cheap per chunk (no model evaluation): it
 * runs on the caller's thread, which may be an event loop. One instance per call, not thread-safe.
 */
public interface FeaturePipeline {

    /** Receives one feature frame; the array is reused after the call returns. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param features   one frame for {@link FrameAccumulator#accept}
         * @param frameIndex index of the 10 ms frame in the call (its start is {@code frameIndex * 10 ms})
         */
        void accept(float[] features, long frameIndex);
    }

    /** Feeds one chunk of customer PCM16 at 8 kHz (not retained). */
    void accept(short[] pcm8k);

    /** End of the audio: delivers the frames held back for look-ahead. Idempotent; no input afterwards. */
    void finish();

    /** Frames delivered to the sink so far. */
    long framesDelivered();
}
