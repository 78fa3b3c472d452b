package dev.voicegate.biometrics.xvector;

/**
 * Options of Kaldi's energy VAD ({@code compute-vad}, {@code ivector/voice-activity-detection.h}): a frame's c0
 * counts as loud when it exceeds {@code energyThreshold + energyMeanScale · mean(c0)}; the frame is voiced when at
 * least {@code proportionThreshold} of the frames within {@code ±framesContext} of it (clipped to the utterance)
 * are loud. Validated as Kaldi asserts them.
 *
 * @param energyThreshold     constant term of the threshold (log-energy units)
 * @param energyMeanScale     weight of the mean c0, ≥ 0 (0: a fixed threshold)
 * @param framesContext       frames of context each side, ≥ 0
 * @param proportionThreshold in (0, 1)
 */
public record VadOptions(float energyThreshold, float energyMeanScale, int framesContext, float proportionThreshold) {

    /**
     * The x-vector recipes' {@code conf/vad.conf} (Kaldi {@code egs/callhome_diarization/v2} and {@code egs/sre16/v2}):
     * {@code --vad-energy-threshold=5.5 --vad-energy-mean-scale=0.5 --vad-proportion-threshold=0.12
     * --vad-frames-context=2}.
     */
    public static final VadOptions XVECTOR_RECIPE = new VadOptions(5.5f, 0.5f, 2, 0.12f);

    public VadOptions {
        if (!(energyMeanScale >= 0) || Float.isInfinite(energyMeanScale)) {
            throw new IllegalArgumentException("vad.energyMeanScale: " + energyMeanScale + " (expected: >= 0)");
        }
        if (!Float.isFinite(energyThreshold)) {
            throw new IllegalArgumentException("vad.energyThreshold: " + energyThreshold + " (expected: finite)");
        }
        if (framesContext < 0) {
            throw new IllegalArgumentException("vad.framesContext: " + framesContext + " (expected: >= 0)");
        }
        if (!(proportionThreshold > 0 && proportionThreshold < 1)) {
            throw new IllegalArgumentException("vad.proportionThreshold: " + proportionThreshold + " (expected: in (0, 1))");
        }
    }

    /** The threshold for a mean c0 of {@code meanC0}, in float as Kaldi computes it. */
    float threshold(float meanC0) {
        return energyThreshold + energyMeanScale * meanC0;
    }

    /** Kaldi's voiced test: {@code loud >= counted · proportionThreshold}. */
    boolean voiced(int loud, int counted) {
        return loud >= counted * proportionThreshold;
    }
}
