package dev.voicegate.biometrics.internal.eval;

import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.frontend.WavReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scores a trial list with the engine and with the baseline. Each WAV is read and analysed once
 * (in parallel over the common pool); any bad WAV fails the whole evaluation with its message.
 */
public final class Evaluator {

    /** Scores of one system. */
    public record Scores(double[] targets, double[] nonTargets) {
        public DetMetrics metrics() {
            return new DetMetrics(targets, nonTargets);
        }
    }

    /**
     * Engine (calibrated) and baseline scores of the same trials, split by label, and both per
     * trial in the order of {@code trials} (for the bootstrap).
     */
    public record Result(Scores engine, Scores baseline, List<Trials.Trial> trials, double[] enginePerTrial,
                         double[] baselinePerTrial) {

        /** 95 % intervals of the EERs and their ratio by a bootstrap over enrolled speakers. */
        public Bootstrap.Result bootstrap(int replicates, long seed) {
            return Bootstrap.run(trials, enginePerTrial, baselinePerTrial, replicates, seed);
        }
    }

    private record Analysed(ClipFeatures features, float[] embedding) {
    }

    private Evaluator() {
    }

    public static Result evaluate(List<Trials.Trial> trials, VoiceprintExtractor extractor, int channel) {
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        for (Trials.Trial t : trials) {
            files.add(t.enroll());
            files.add(t.test());
        }
        Map<Path, Analysed> cache = new ConcurrentHashMap<>();
        new ArrayList<>(files).parallelStream().forEach(p -> cache.put(p, analyse(p, extractor, channel)));
        List<Double> et = new ArrayList<>();
        List<Double> en = new ArrayList<>();
        List<Double> bt = new ArrayList<>();
        List<Double> bn = new ArrayList<>();
        double[] perTrial = new double[trials.size()];
        double[] basePerTrial = new double[trials.size()];
        int i = 0;
        for (Trials.Trial t : trials) {
            Analysed a = cache.get(t.enroll());
            Analysed b = cache.get(t.test());
            double s = extractor.calibrate(extractor.rawScore(a.embedding(), b.embedding()));
            double base = Baseline.score(a.features(), b.features());
            (t.target() ? et : en).add(s);
            (t.target() ? bt : bn).add(base);
            perTrial[i] = s;
            basePerTrial[i++] = base;
        }
        return new Result(new Scores(toArray(et), toArray(en)), new Scores(toArray(bt), toArray(bn)), List.copyOf(trials),
                perTrial, basePerTrial);
    }

    private static Analysed analyse(Path p, VoiceprintExtractor extractor, int channel) {
        short[] pcm = WavReader.read(p, channel).samples8k();
        ClipFeatures f = ClipFeatures.of(pcm);
        FrameAccumulator acc = ClipFeatures.accumulate(extractor, pcm, f);
        if (acc.frames() == 0) {
            throw new IllegalArgumentException(p + ": no speech frames for " + extractor.engineId());
        }
        return new Analysed(f, acc.embedding());
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
