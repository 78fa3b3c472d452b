package dev.voicegate.biometrics.internal.eval;

import dev.voicegate.biometrics.api.FeaturePipeline;
import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.FrontEndConfig;
import dev.voicegate.biometrics.frontend.CepstralExtractor;
import dev.voicegate.biometrics.frontend.FeatureNormalizer;
import dev.voicegate.biometrics.frontend.FrontEnd;
import dev.voicegate.biometrics.frontend.SpeechQuality;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole-clip front-end output: the normalised feature frames of the speech, the speech quality and
 * the per-utterance mean/variance of the raw statics (for the training-free baseline).
 *
 * @param frames        front-end frames: normalised statics + deltas, then the raw statics
 *                      ({@link FeatureNormalizer#FRAME_DIM} values)
 * @param quality       speech quality of the clip
 * @param baselineMean  mean of the un-normalised statics over speech frames
 * @param baselineVar   variance of the same
 */
public record ClipFeatures(List<float[]> frames, SpeechQuality quality, double[] baselineMean, double[] baselineVar) {

    /** Runs an 8 kHz clip through a fresh front end. */
    public static ClipFeatures of(short[] pcm8k) {
        List<float[]> frames = new ArrayList<>();
        FrontEnd fe = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> frames.add(f.clone()));
        fe.accept(pcm8k, null);
        fe.flush();
        int s = CepstralExtractor.STATIC_DIM;
        double[] mean = new double[s];
        double[] var = new double[s];
        // Baseline statistics come from the un-normalised statics recomputed here: the baseline
        // must not benefit from our normalisation or model.
        List<float[]> raw = rawStatics(pcm8k);
        for (float[] x : raw) {
            for (int d = 0; d < s; d++) {
                mean[d] += x[d] / raw.size();
            }
        }
        for (float[] x : raw) {
            for (int d = 0; d < s; d++) {
                var[d] += (x[d] - mean[d]) * (x[d] - mean[d]) / raw.size();
            }
        }
        return new ClipFeatures(frames, fe.quality(), mean, var);
    }

    /**
     * A whole clip's frames into a new accumulator of {@code x}, as the engine does without an agent channel: the
     * extractor's own pipeline when it has one, else the shared front end's speech frames (taken from
     * {@code shared}, this clip's features).
     */
    public static FrameAccumulator accumulate(VoiceprintExtractor x, short[] pcm8k, ClipFeatures shared) {
        FrameAccumulator acc = x.newAccumulator();
        forEachFrame(x, pcm8k, shared, (f, i) -> acc.accept(f));
        return acc;
    }

    /** Every frame {@code x}'s accumulators take from this clip, in order, with its frame index. */
    public static void forEachFrame(VoiceprintExtractor x, short[] pcm8k, ClipFeatures shared, FeaturePipeline.Sink sink) {
        FeaturePipeline p = x.newFeaturePipeline(sink);
        if (p == null) {
            long i = 0;
            for (float[] f : shared.frames()) {
                sink.accept(f, i++);
            }
            return;
        }
        p.accept(pcm8k);
        p.finish();
    }

    private static List<float[]> rawStatics(short[] pcm8k) {
        List<float[]> out = new ArrayList<>();
        dev.voicegate.biometrics.frontend.VoiceActivityDetector vad =
                new dev.voicegate.biometrics.frontend.VoiceActivityDetector(FrontEndConfig.DEFAULTS);
        CepstralExtractor ce = new CepstralExtractor();
        float[] buf = new float[pcm8k.length];
        for (int i = 0; i < pcm8k.length; i++) {
            buf[i] = pcm8k[i];
        }
        for (int at = 0; at + CepstralExtractor.FRAME <= buf.length; at += CepstralExtractor.HOP) {
            if (vad.accept(dev.voicegate.biometrics.frontend.VoiceActivityDetector.energyDb(buf, at, CepstralExtractor.FRAME))) {
                float[] st = new float[CepstralExtractor.STATIC_DIM];
                ce.extract(buf, at, st);
                out.add(st);
            }
        }
        if (out.isEmpty()) {
            out.add(new float[CepstralExtractor.STATIC_DIM]);
        }
        return out;
    }
}
