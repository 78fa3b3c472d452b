package dev.voicegate.biometrics.config;

import java.time.Duration;

/**
 * Settings of the voiceprint engine (issue 4 §3). All scores are calibrated scores in (0, 1).
 *
 * @param minEnrollSpeech       net speech needed to enroll ({@code BioAdequateSpeech}); default 20 s
 * @param minVerifySpeech       net speech below which verify answers {@code LOW_DATA}; default 6 s
 * @param noDataSpeech          net speech below which results are {@code NO_DATA}; default 0.5 s
 * @param thresholds            verification levels
 * @param searchThreshold       identify: candidates at or above this count; default 0.9654 for the x-vector back end, FMR 0.1 % per comparison ({@link #GMM_V3}: 0.993), docs/engine.md §10
 * @param maxManyCandidates     identify: more candidates than this → {@code FOUND_TOO_MANY}; default 5
 * @param blocklistThreshold    blocklist: best fraudster score at or above → {@code MATCH}; default 0.8845 for the x-vector back end, FMR 1 % ({@link #GMM_V3}: 0.946)
 * @param speakerChangeThreshold window score below this (twice in a row) → speaker changed; default 0.05 (x-vector, chosen on
 *                              the real-speech train split, docs/engine.md §10; the GMM's is 0.2, §8)
 * @param workers               threads of the bounded executor for 1:N search and store I/O; default 2
 * @param queueCapacity         tasks waiting for a worker before new ones are rejected
 *                              ({@code ERROR}, reason "overloaded"); default 256
 * @param frontEnd              VAD/crosstalk settings
 */
public record EngineConfig(Duration minEnrollSpeech, Duration minVerifySpeech, Duration noDataSpeech,
                           Thresholds thresholds, double searchThreshold, int maxManyCandidates,
                           double blocklistThreshold, double speakerChangeThreshold, int workers,
                           int queueCapacity, FrontEndConfig frontEnd) {

    /** Documented defaults. */
    public static final EngineConfig DEFAULTS = new EngineConfig(Duration.ofSeconds(20), Duration.ofSeconds(6),
            Duration.ofMillis(500), Thresholds.DEFAULTS, 0.9654, 5, 0.8845, 0.05, 2, 256, FrontEndConfig.DEFAULTS);

    /** The GMM v3 engine's settings (its own thresholds, derived on the synthetic corpus). */
    public static final EngineConfig GMM_V3 = new EngineConfig(Duration.ofSeconds(20), Duration.ofSeconds(6),
            Duration.ofMillis(500), Thresholds.GMM_V3, 0.993, 5, 0.946, 0.2, 2, 256, FrontEndConfig.DEFAULTS);

    public EngineConfig {
        positive("minEnrollSpeech", minEnrollSpeech);
        positive("minVerifySpeech", minVerifySpeech);
        positive("noDataSpeech", noDataSpeech);
        if (noDataSpeech.compareTo(minVerifySpeech) > 0) {
            throw new IllegalArgumentException("biometrics.noDataSpeech: " + text(noDataSpeech)
                    + " (expected: <= biometrics.minVerifySpeech " + text(minVerifySpeech) + ")");
        }
        java.util.Objects.requireNonNull(thresholds, "biometrics.thresholds");
        java.util.Objects.requireNonNull(frontEnd, "biometrics.frontEnd");
        unit("searchThreshold", searchThreshold);
        unit("blocklistThreshold", blocklistThreshold);
        unit("speakerChangeThreshold", speakerChangeThreshold);
        if (maxManyCandidates < 2) {
            throw new IllegalArgumentException("biometrics.maxManyCandidates: " + maxManyCandidates + " (expected: >= 2)");
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("biometrics.workers: " + workers + " (expected: 1..64)");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("biometrics.queueCapacity: " + queueCapacity + " (expected: >= 1)");
        }
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("biometrics." + key + ": " + text(d) + " (expected: > 0)");
        }
    }

    /** A duration as the config file writes it ({@code 6s}, {@code 500ms}). */
    private static String text(Duration d) {
        if (d == null) {
            return "null";
        }
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static void unit(String key, double v) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException("biometrics." + key + ": " + v + " (expected: 0 < x < 1)");
        }
    }

    /** A copy with other thresholds. */
    public EngineConfig withThresholds(Thresholds t) {
        return new EngineConfig(minEnrollSpeech, minVerifySpeech, noDataSpeech, t, searchThreshold, maxManyCandidates,
                blocklistThreshold, speakerChangeThreshold, workers, queueCapacity, frontEnd);
    }

    /** A copy with another speaker-change threshold. */
    public EngineConfig withSpeakerChangeThreshold(double t) {
        return new EngineConfig(minEnrollSpeech, minVerifySpeech, noDataSpeech, thresholds, searchThreshold, maxManyCandidates,
                blocklistThreshold, t, workers, queueCapacity, frontEnd);
    }
}
