package dev.voicegate.biometrics.xvector;

/**
 * How x-vectors become template vectors and scores: the seam between the x-vector extractor (network
 * + front end, which calls this) and a trained back end (which implements it). Immutable, thread-safe.
 *
 * <p>Templates in the store hold the speech-weighted mean of {@link #project projected} vectors, so
 * 1:1 and 1:N compare a template mean with a projected test vector through {@link #rawScore}.
 */
public interface EmbeddingScorer {

    /** Short id of this back end (part of the engine id/version contract: a new back end = a new version). */
    String id();

    /** Dimension of projected vectors (what templates store). */
    int dimension();

    /**
     * Maps a post-processed x-vector ({@link XvectorModel#postProcess}, unit length, 128 dims) into the
     * scoring space; the result is unit length (a fresh array).
     */
    float[] project(float[] xvector);

    /** Raw score of a template mean (not necessarily unit length) against a projected test vector. */
    double rawScore(float[] templateMean, float[] projectedTest);

    /** Calibrated score in [0, 1], strictly increasing in the raw score. */
    double calibrate(double rawScore);
}
