package dev.voicegate.biometrics.internal.model;

import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.internal.eval.Baseline;
import dev.voicegate.biometrics.internal.eval.ClipFeatures;
import dev.voicegate.biometrics.internal.eval.DetMetrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Development trials of background speakers in the shape of real use and of the evaluation (see
 * {@link ModelTrainer}): building them, scoring both streams of a trained model on them, and
 * printing EERs per condition. Used by training (printed figures, calibration) and by
 * cross-validation (the choice of settings).
 */
final class DevelopmentTrials {

    private static final String TEL = "-tel";
    /** Development test lengths: whole file, and cut to these seconds of audio (like the evaluation's short tests). */
    private static final double[] DEV_CUTS = {0, 6.5, 3.5};

    private DevelopmentTrials() {
    }

    /** The held-out side: per speaker one enrollment and its tests by condition. */
    record DevSpeaker(String speaker, ModelTrainer.Clip enroll, Map<String, List<ModelTrainer.Clip>> tests) {
    }

    /** Cosines of the two streams of every development trial, by condition. */
    static final class Scores {
        final Map<String, List<double[]>> byCondition = new TreeMap<>(); // {gmm cos, envelope cos, baseline, target?1:0}

        void add(String condition, double g, double e, double base, boolean target) {
            byCondition.computeIfAbsent(condition, k -> new ArrayList<>()).add(new double[] {g, e, base, target ? 1 : 0});
        }

        DetMetrics fused(String condition, double beta) {
            return metrics(condition, t -> (1 - beta) * t[0] + beta * t[1]);
        }

        DetMetrics baseline(String condition) {
            return metrics(condition, t -> t[2]);
        }

        private DetMetrics metrics(String condition, java.util.function.ToDoubleFunction<double[]> score) {
            List<double[]> trials = byCondition.get(condition);
            return new DetMetrics(trials.stream().filter(t -> t[3] == 1).mapToDouble(score).toArray(),
                    trials.stream().filter(t -> t[3] == 0).mapToDouble(score).toArray());
        }
    }

    /** Development trials of the given speakers (see the class comment). */
    static List<DevSpeaker> speakers(TreeMap<String, List<Path>> bySpeaker, List<String> speakers) {
        return speakers.parallelStream().map(spk -> {
            TreeMap<String, List<Path>> byUtterance = new TreeMap<>();
            for (Path p : bySpeaker.get(spk)) {
                String name = p.getFileName().toString().replaceFirst("\\.wav$", "");
                byUtterance.computeIfAbsent(name.endsWith(TEL) ? name.substring(0, name.length() - TEL.length()) : name,
                        k -> new ArrayList<>()).add(p);
            }
            List<short[]> enroll = new ArrayList<>();
            Map<String, List<ModelTrainer.Clip>> tests = new TreeMap<>();
            int u = 0;
            for (List<Path> versions : byUtterance.values()) {
                boolean enrollSide = u++ % 2 == 0;
                for (Path p : versions) {
                    boolean tel = p.getFileName().toString().endsWith(TEL + ".wav");
                    short[] pcm = WavReader.read(p).samples8k();
                    if (enrollSide) {
                        if (!tel) {
                            enroll.add(pcm);
                        }
                        continue;
                    }
                    for (double cut : DEV_CUTS) {
                        short[] t = cut == 0 ? pcm : Arrays.copyOf(pcm, (int) Math.min(pcm.length, cut * 8000));
                        String cond = (tel ? "telephone" : "clean") + (cut == 0 ? "-whole" : "-" + cut + "s");
                        tests.computeIfAbsent(cond, k -> new ArrayList<>()).add(new ModelTrainer.Clip(spk, ClipFeatures.of(t)));
                    }
                }
            }
            short[] all = new short[enroll.stream().mapToInt(a -> a.length).sum()];
            int at = 0;
            for (short[] a : enroll) {
                System.arraycopy(a, 0, all, at, a.length);
                at += a.length;
            }
            return new DevSpeaker(spk, new ModelTrainer.Clip(spk, ClipFeatures.of(all)), tests);
        }).toList();
    }

    static Scores score(ModelTrainer.Components c, ModelTrainer.Params params, List<DevSpeaker> speakers) {
        VoiceprintModel gOnly = new VoiceprintModel(0, c.ubm(), params.relevance(), c.gmm(), new Calibration(1, 0));
        Map<ModelTrainer.Clip, float[][]> emb = new ConcurrentHashMap<>();
        List<ModelTrainer.Clip> all = new ArrayList<>();
        for (DevSpeaker s : speakers) {
            all.add(s.enroll());
            s.tests().values().forEach(all::addAll);
        }
        all.parallelStream().forEach(clip -> {
            SufficientStats st = ModelTrainer.stats(c.ubm(), clip.frames(), 0, clip.frames().size());
            EnvelopeStats en = ModelTrainer.envelope(clip.frames(), 0, clip.frames().size());
            float[] g = gOnly.embed(st, en);
            float[] e = c.envelope() == null ? new float[0] : Projection.lengthNormalize(c.envelope().apply(en.vector()));
            emb.put(clip, new float[][] {g, e});
        });
        Scores out = new Scores();
        for (DevSpeaker enrolled : speakers) {
            float[][] a = emb.get(enrolled.enroll());
            for (DevSpeaker tested : speakers) {
                for (var cond : tested.tests().entrySet()) {
                    for (ModelTrainer.Clip t : cond.getValue()) {
                        float[][] b = emb.get(t);
                        out.add(cond.getKey(), Projection.dot(a[0], b[0]), a[1].length == 0 ? 0 : Projection.dot(a[1], b[1]),
                                Baseline.score(enrolled.enroll().features(), t.features()), enrolled == tested);
                    }
                }
            }
        }
        return out;
    }

    static void print(Scores dev, double[] betas, double chosen, PrintStream log) {
        StringBuilder head = new StringBuilder(String.format("  %-20s", "condition (EER %)"));
        for (double b : betas) {
            head.append(String.format(" β=%-5.2f", b));
        }
        log.println(head + String.format("  baseline  ratio at β=%.2f", chosen));
        double[] mean = new double[betas.length];
        for (String cond : dev.byCondition.keySet()) {
            StringBuilder row = new StringBuilder(String.format("  %-20s", cond));
            for (int k = 0; k < betas.length; k++) {
                double eer = 100 * dev.fused(cond, betas[k]).eer();
                mean[k] += eer / dev.byCondition.size();
                row.append(String.format(" %7.2f", eer));
            }
            double last = 100 * dev.fused(cond, chosen).eer();
            double base = 100 * dev.baseline(cond).eer();
            int targets = dev.baseline(cond).targetCount();
            log.println(row + String.format("  %8.2f  %5.2f   (%d target trials)", base, base == 0 ? Double.NaN : last / base, targets));
        }
        StringBuilder row = new StringBuilder(String.format("  %-20s", "mean"));
        for (double m : mean) {
            row.append(String.format(" %7.2f", m));
        }
        log.println(row);
    }
}
