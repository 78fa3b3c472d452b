package dev.voicegate.biometrics.internal.model;

import dev.voicegate.biometrics.frontend.FeatureNormalizer;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.internal.eval.ClipFeatures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trains every component of the model from the corpus' background speakers only
 * ({@code background.tsv}; evaluation speakers are never read): the UBM, the GMM projection and the
 * envelope projection on "training" background speakers (all but every {@code HOLDOUT_EVERY}-th in
 * sorted order, whose development trials are printed), the calibration on out-of-fold development
 * scores of all background speakers (3 folds).
 *
 * <p>Development trials have the shape of real use and of the evaluation: a held-out speaker is
 * enrolled on the clean files of its even-numbered utterances (concatenated, 20 s+ in our corpus)
 * and tested with each file of its odd-numbered utterances (clean and telephone, whole and cut to
 * 6.5 s and 3.5 s of audio). A file {@code X-tel.wav} is the telephone version of {@code X.wav}, the
 * same utterance, so it is never on the other side of a trial with {@code X.wav}.
 * {@link #crossValidate} repeats this over folds of all background speakers, which is what the
 * envelope weight and other settings are chosen on. Deterministic.
 */
public final class ModelTrainer {

    /** Training parameters (see docs/engine.md). */
    public record Params(int components, int itersPerLevel, int pcaDim, int ldaDim, double relevance, int ubmFrames,
                         int segmentFrames, int envelopeLda, double envelopeWeight) {
        public static final Params DEFAULTS = new Params(64, 4, 200, 40, 16.0, 150_000, 300, 20, 0.4);

        public Params {
            check(components >= 1 && Integer.bitCount(components) == 1, "--components", components, "a power of two (binary splitting)");
            check(pcaDim >= 1, "--pca", pcaDim, "at least 1");
            check(ldaDim >= 0 && ldaDim <= pcaDim, "--lda", ldaDim, "0 (no LDA) to the PCA size " + pcaDim);
            check(relevance > 0 && Double.isFinite(relevance), "--relevance", relevance, "a positive number");
            check(segmentFrames >= 0, "--segments", segmentFrames, "0 (none) or more frames");
            check(envelopeLda >= 0 && envelopeLda <= EnvelopeStats.DIM, "--envelope-lda", envelopeLda,
                    "0 (no envelope stream) to " + EnvelopeStats.DIM);
            check(envelopeWeight >= 0 && envelopeWeight < 1, "--envelope-weight", envelopeWeight, "0 ≤ weight < 1");
            check(envelopeWeight == 0 || envelopeLda > 0, "--envelope-weight", envelopeWeight, "0 when --envelope-lda is 0");
        }

        private static void check(boolean ok, String option, Object value, String expected) {
            if (!ok) {
                throw new IllegalArgumentException("option " + option + ": " + value + " (expected: " + expected + ")");
            }
        }
    }

    private static final int HOLDOUT_EVERY = 6;
    private static final int CALIBRATION_FOLDS = 3;
    private ModelTrainer() {
    }

    /** One analysed clip. */
    record Clip(String speaker, ClipFeatures features) {
        List<float[]> frames() {
            return features.frames();
        }
    }

    /** The trained components before calibration. */
    record Components(DiagonalGmm ubm, Projection gmm, Projection envelope) {
    }

    public static VoiceprintModel train(Path corpus, Params params, int version, PrintStream log) throws IOException {
        TreeMap<String, List<Path>> bySpeaker = readBackground(corpus);
        List<String> training = new ArrayList<>();
        List<String> holdout = new ArrayList<>();
        int i = 0;
        for (String spk : bySpeaker.keySet()) {
            (i++ % HOLDOUT_EVERY == HOLDOUT_EVERY - 1 ? holdout : training).add(spk);
        }
        log.printf("train: %d background speakers (%d held out for development trials)%n",
                bySpeaker.size(), holdout.size());
        Map<Path, Clip> clips = analyse(bySpeaker);
        Components c = trainComponents(bySpeaker, clips, training, params, log);
        DevelopmentTrials.Scores dev = DevelopmentTrials.score(c, params, DevelopmentTrials.speakers(bySpeaker, holdout));
        log.printf("train: development trials (held-out background speakers, envelope weight %.2f):%n", params.envelopeWeight());
        DevelopmentTrials.print(dev, new double[] {0, params.envelopeWeight()}, params.envelopeWeight(), log);
        // Calibration on out-of-fold scores of every background speaker (8 held-out speakers are
        // too few: their trials are almost separable and the fit becomes overconfident), on the
        // trials the engine answers on a call: telephone tests (clean ones are separated almost
        // perfectly), whole and 6.5 s long (3.5 s is LOW_DATA). The fold models see two thirds of
        // the speakers, the final one five sixths, so the calibration errs on the cautious side.
        DevelopmentTrials.Scores oof = outOfFold(bySpeaker, clips, params, CALIBRATION_FOLDS, log);
        boolean telephone = oof.byCondition.keySet().stream().anyMatch(k -> k.startsWith("telephone"));
        List<Double> tar = new ArrayList<>();
        List<Double> non = new ArrayList<>();
        oof.byCondition.forEach((cond, trials) -> {
            // A corpus without telephone versions (no X-tel.wav files) calibrates on all its trials.
            if ((!telephone || cond.startsWith("telephone")) && !cond.endsWith("-3.5s")) {
                for (double[] t : trials) {
                    (t[3] == 1 ? tar : non).add((1 - params.envelopeWeight()) * t[0] + params.envelopeWeight() * t[1]);
                }
            }
        });
        Calibration cal = Calibration.train(tar.stream().mapToDouble(Double::doubleValue).toArray(),
                non.stream().mapToDouble(Double::doubleValue).toArray());
        log.printf("train: calibration a=%.3f b=%.3f on %d target / %d non-target out-of-fold %s trials%n",
                cal.a(), cal.b(), tar.size(), non.size(), telephone ? "telephone" : "(no telephone files: all)");
        return model(version, c, params, cal);
    }

    /**
     * K-fold cross-validation over all background speakers: each fold trains UBM and projections
     * on the other folds and scores the development trials of its own speakers; the pooled EERs
     * are printed per condition for every envelope weight in {@code betas} and for the baseline.
     */
    public static void crossValidate(Path corpus, Params params, int folds, double[] betas, PrintStream log) throws IOException {
        TreeMap<String, List<Path>> bySpeaker = readBackground(corpus);
        Map<Path, Clip> clips = analyse(bySpeaker);
        DevelopmentTrials.Scores dev = outOfFold(bySpeaker, clips, params, folds, log);
        log.printf("crossval: %d folds, %s%n", folds, params);
        DevelopmentTrials.print(dev, betas, params.envelopeWeight(), log);
    }

    /**
     * Development scores of every background speaker, each from a model trained without its fold
     * (speakers assigned to folds round-robin in sorted order).
     */
    private static DevelopmentTrials.Scores outOfFold(TreeMap<String, List<Path>> bySpeaker, Map<Path, Clip> clips, Params params,
                                       int folds, PrintStream log) {
        List<String> all = new ArrayList<>(bySpeaker.keySet());
        DevelopmentTrials.Scores dev = new DevelopmentTrials.Scores();
        for (int fold = 0; fold < folds; fold++) {
            List<String> training = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                (i % folds == fold ? held : training).add(all.get(i));
            }
            log.printf("train: fold %d/%d: %d training, %d development speakers%n", fold + 1, folds, training.size(), held.size());
            Components c = trainComponents(bySpeaker, clips, training, params, log);
            DevelopmentTrials.Scores d = DevelopmentTrials.score(c, params, DevelopmentTrials.speakers(bySpeaker, held));
            d.byCondition.forEach((k, v) -> dev.byCondition.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        return dev;
    }

    private static VoiceprintModel model(int version, Components c, Params params, Calibration cal) {
        return new VoiceprintModel(version, c.ubm(), params.relevance(), c.gmm(), c.envelope(), params.envelopeWeight(), cal);
    }

    private static TreeMap<String, List<Path>> readBackground(Path corpus) throws IOException {
        TreeMap<String, List<Path>> bySpeaker = new TreeMap<>();
        for (String line : Files.readAllLines(corpus.resolve("background.tsv"))) {
            String[] f = line.split("\t");
            if (f.length == 2 && !f[0].equals("speaker")) {
                bySpeaker.computeIfAbsent(f[0], k -> new ArrayList<>()).add(corpus.resolve(f[1]));
            }
        }
        bySpeaker.values().forEach(l -> l.sort(null));
        return bySpeaker;
    }

    private static Map<Path, Clip> analyse(TreeMap<String, List<Path>> bySpeaker) {
        Map<Path, Clip> clips = new ConcurrentHashMap<>();
        bySpeaker.forEach((spk, files) -> files.parallelStream()
                .forEach(p -> clips.put(p, new Clip(spk, ClipFeatures.of(WavReader.read(p).samples8k())))));
        return clips;
    }

    private static Components trainComponents(TreeMap<String, List<Path>> bySpeaker, Map<Path, Clip> clips,
                                              List<String> training, Params params, PrintStream log) {
        List<float[]> ubmFrames = new ArrayList<>();
        for (String spk : training) {
            bySpeaker.get(spk).forEach(p -> ubmFrames.addAll(clips.get(p).frames()));
        }
        int step = Math.max(1, ubmFrames.size() / params.ubmFrames());
        List<float[]> sub = new ArrayList<>();
        for (int t = 0; t < ubmFrames.size(); t += step) {
            sub.add(Arrays.copyOf(ubmFrames.get(t), FeatureNormalizer.DIM));
        }
        log.printf("train: UBM %d components on %d of %d frames%n", params.components(), sub.size(), ubmFrames.size());
        DiagonalGmm ubm = GmmTrainer.train(sub, params.components(), params.itersPerLevel());
        List<ProjectionTrainer.Sample> supervectors = new ArrayList<>();
        List<ProjectionTrainer.Sample> envelopes = new ArrayList<>();
        for (String spk : training) {
            for (Path p : bySpeaker.get(spk)) {
                List<float[]> fr = clips.get(p).frames();
                List<int[]> spans = new ArrayList<>(List.of(new int[] {0, fr.size()}, new int[] {0, fr.size() / 2},
                        new int[] {fr.size() / 2, fr.size()}));
                for (int at = 0; params.segmentFrames() > 0 && at + params.segmentFrames() <= fr.size(); at += params.segmentFrames()) {
                    spans.add(new int[] {at, at + params.segmentFrames()});
                }
                for (int[] s : spans) {
                    supervectors.add(new ProjectionTrainer.Sample(spk, stats(ubm, fr, s[0], s[1]).supervector(params.relevance())));
                    envelopes.add(new ProjectionTrainer.Sample(spk, envelope(fr, s[0], s[1]).vector()));
                }
            }
        }
        log.printf("train: projection PCA %d, LDA %d on %d supervectors; envelope LDA %d%n", params.pcaDim(), params.ldaDim(),
                supervectors.size(), params.envelopeLda());
        Projection gmm = ProjectionTrainer.train(supervectors, params.pcaDim(), params.ldaDim());
        Projection env = params.envelopeLda() > 0
                ? ProjectionTrainer.train(envelopes, EnvelopeStats.DIM, params.envelopeLda()) : null;
        return new Components(ubm, gmm, env);
    }

    static SufficientStats stats(DiagonalGmm ubm, List<float[]> frames, int from, int to) {
        SufficientStats s = new SufficientStats(ubm);
        for (int t = from; t < to; t++) {
            s.accept(frames.get(t));
        }
        return s;
    }

    static EnvelopeStats envelope(List<float[]> frames, int from, int to) {
        EnvelopeStats s = new EnvelopeStats();
        for (int t = from; t < to; t++) {
            s.accept(frames.get(t));
        }
        return s;
    }
}
