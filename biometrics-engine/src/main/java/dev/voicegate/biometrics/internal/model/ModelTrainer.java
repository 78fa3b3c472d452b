package dev.voicegate.biometrics.internal.model;

import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.internal.eval.ClipFeatures;
import dev.voicegate.biometrics.internal.eval.DetMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains every component of the model from the corpus' background speakers only
 * ({@code background.tsv}; evaluation speakers are never read): the UBM and the projection on
 * "training" background speakers, the calibration on trials between held-out background speakers
 * (every {@code HOLDOUT_EVERY}-th speaker in sorted order). Deterministic.
 */
public final class ModelTrainer {

    /** Training parameters (see docs/engine.md). */
    public record Params(int components, int itersPerLevel, int pcaDim, int ldaDim, double relevance, int ubmFrames,
                         int segmentFrames) {
        public static final Params DEFAULTS = new Params(64, 4, 200, 40, 16.0, 150_000, 300);
    }

    private static final int HOLDOUT_EVERY = 6;

    private ModelTrainer() {
    }

    public static VoiceprintModel train(Path corpus, Params params, int version, PrintStream log) throws IOException {
        TreeMap<String, List<Path>> bySpeaker = new TreeMap<>();
        for (String line : Files.readAllLines(corpus.resolve("background.tsv"))) {
            String[] f = line.split("\t");
            if (f.length == 2 && !f[0].equals("speaker")) {
                bySpeaker.computeIfAbsent(f[0], k -> new ArrayList<>()).add(corpus.resolve(f[1]));
            }
        }
        TreeSet<String> holdout = new TreeSet<>();
        int i = 0;
        for (String spk : bySpeaker.keySet()) {
            if (i++ % HOLDOUT_EVERY == HOLDOUT_EVERY - 1) {
                holdout.add(spk);
            }
        }
        log.printf("train: %d background speakers (%d held out for calibration)%n", bySpeaker.size(), holdout.size());
        TreeMap<Path, List<float[]>> feats = new TreeMap<>();
        bySpeaker.values().stream().flatMap(List::stream).parallel()
                .map(p -> java.util.Map.entry(p, ClipFeatures.of(WavReader.read(p).samples8k()).frames()))
                .sequential().forEach(e -> feats.put(e.getKey(), e.getValue()));
        List<float[]> ubmFrames = new ArrayList<>();
        for (var e : bySpeaker.entrySet()) {
            if (!holdout.contains(e.getKey())) {
                e.getValue().forEach(p -> ubmFrames.addAll(feats.get(p)));
            }
        }
        int step = Math.max(1, ubmFrames.size() / params.ubmFrames());
        List<float[]> sub = new ArrayList<>();
        for (int t = 0; t < ubmFrames.size(); t += step) {
            sub.add(ubmFrames.get(t));
        }
        log.printf("train: UBM %d components on %d of %d frames%n", params.components(), sub.size(), ubmFrames.size());
        DiagonalGmm ubm = GmmTrainer.train(sub, params.components(), params.itersPerLevel());
        List<ProjectionTrainer.Sample> samples = new ArrayList<>();
        for (var e : bySpeaker.entrySet()) {
            if (holdout.contains(e.getKey())) {
                continue;
            }
            for (Path p : e.getValue()) {
                List<float[]> fr = feats.get(p);
                samples.add(new ProjectionTrainer.Sample(e.getKey(), stats(ubm, fr, 0, fr.size()).supervector(params.relevance())));
                samples.add(new ProjectionTrainer.Sample(e.getKey(), stats(ubm, fr, 0, fr.size() / 2).supervector(params.relevance())));
                samples.add(new ProjectionTrainer.Sample(e.getKey(), stats(ubm, fr, fr.size() / 2, fr.size()).supervector(params.relevance())));
                for (int at = 0; params.segmentFrames() > 0 && at + params.segmentFrames() <= fr.size(); at += params.segmentFrames()) {
                    samples.add(new ProjectionTrainer.Sample(e.getKey(),
                            stats(ubm, fr, at, at + params.segmentFrames()).supervector(params.relevance())));
                }
            }
        }
        log.printf("train: projection PCA %d, LDA %d on %d supervectors%n", params.pcaDim(), params.ldaDim(), samples.size());
        Projection projection = ProjectionTrainer.train(samples, params.pcaDim(), params.ldaDim());
        VoiceprintModel model = new VoiceprintModel(version, ubm, params.relevance(), projection, new Calibration(1, 0));
        Calibration cal = calibrate(model, bySpeaker, holdout, feats, log);
        log.printf("train: calibration a=%.3f b=%.3f%n", cal.a(), cal.b());
        return model.withCalibration(cal);
    }

    private static SufficientStats stats(DiagonalGmm ubm, List<float[]> frames, int from, int to) {
        SufficientStats s = new SufficientStats(ubm);
        for (int t = from; t < to; t++) {
            s.accept(frames.get(t));
        }
        return s;
    }

    private static Calibration calibrate(VoiceprintModel model, TreeMap<String, List<Path>> bySpeaker,
                                         TreeSet<String> holdout, TreeMap<Path, List<float[]>> feats,
                                         PrintStream log) {
        List<String> spk = new ArrayList<>();
        List<float[]> emb = new ArrayList<>();
        List<float[]> shortEmb = new ArrayList<>();
        for (String s : holdout) {
            for (Path p : bySpeaker.get(s)) {
                List<float[]> fr = feats.get(p);
                spk.add(s);
                emb.add(model.embed(stats(model.ubm(), fr, 0, fr.size())));
                shortEmb.add(model.embed(stats(model.ubm(), fr, 0, Math.min(fr.size(), DEV_SHORT_FRAMES))));
            }
        }
        double[][] whole = trialScores(spk, emb, emb);
        double[][] shortTests = trialScores(spk, emb, shortEmb);
        // Development figures on held-out background speakers only (never the evaluation speakers):
        // what configurations are compared on.
        log.printf("train: dev EER (held-out background speakers) whole %.2f %%, 3 s tests %.2f %%%n",
                100 * new DetMetrics(whole[0], whole[1]).eer(), 100 * new DetMetrics(shortTests[0], shortTests[1]).eer());
        return Calibration.train(whole[0], whole[1]);
    }

    private static final int DEV_SHORT_FRAMES = 300;

    /** {targets, non-targets} of every pair (a in enroll, b in test, a ≠ b). */
    private static double[][] trialScores(List<String> spk, List<float[]> enroll, List<float[]> test) {
        List<Double> tar = new ArrayList<>();
        List<Double> non = new ArrayList<>();
        for (int a = 0; a < enroll.size(); a++) {
            for (int b = 0; b < test.size(); b++) {
                if (a == b || (enroll == test && b < a)) {
                    continue;
                }
                double sc = Projection.dot(enroll.get(a), test.get(b));
                (spk.get(a).equals(spk.get(b)) ? tar : non).add(sc);
            }
        }
        return new double[][] {tar.stream().mapToDouble(Double::doubleValue).toArray(),
                non.stream().mapToDouble(Double::doubleValue).toArray()};
    }
}
