package dev.voicegate.biometrics.api;

import java.util.concurrent.CompletableFuture;

/**
 * The streaming analysis of one call's customer audio (one transaction).
 *
 * <p><b>Threading.</b> {@link #feed} and {@link #interim} must be called from one thread at a time
 * (e.g. the session's event loop); they are cheap (front ends, O(chunk)) and never block: an extractor's
 * heavy model (the x-vector network) runs on the engine's executor, so {@link #interim} shows what it
 * has computed so far (seconds behind the audio). {@link #finish} snapshots on the caller's thread and runs 1:N search and store I/O on the
 * engine's bounded executor; the future completes there (hop back to your own thread yourself).
 */
public interface Analysis extends AutoCloseable {

    /**
     * Feeds one chunk of PCM16 audio at the request's sample rate.
     *
     * @param customer customer-channel samples (not retained)
     * @param agent    agent-channel samples of the same time span for crosstalk suppression, or null
     * @throws IllegalStateException after {@link #finish} or {@link #close}
     */
    void feed(short[] customer, short[] agent);

    /** A cheap snapshot: quality, 1:1 score (once the claimed voiceprint is loaded), blocklist, speaker change. */
    AnalysisResult interim();

    /**
     * Ends the audio and computes the final result (adds 1:N search and liveness). Idempotent: later
     * calls return the same future.
     */
    CompletableFuture<AnalysisResult> finish();

    /** The request this analysis serves. */
    AnalysisRequest request();

    /** Releases the analysis (further feeding fails). Idempotent. */
    @Override
    void close();
}
