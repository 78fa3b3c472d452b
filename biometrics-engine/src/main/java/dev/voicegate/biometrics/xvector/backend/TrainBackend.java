package dev.voicegate.biometrics.xvector.backend;

import dev.voicegate.biometrics.internal.eval.DetMetrics;
import dev.voicegate.biometrics.xvector.XvectorModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains the shipped x-vector back end from the real-speech corpus's {@code train} split
 * ({@code biometrics-engine/corpus/real/train-backend.sh} runs it):
 * <ol>
 *   <li>x-vectors of every train file ({@code train/list.tsv}: clean, µ-law and telephone copies of each unit),
 *       cached in {@code --cache};</li>
 *   <li>cross-validation by actor group: every pair of groups is held out in turn, a back end is trained on the
 *       other groups and scores trials among the two held-out groups ({@link #scoreHeldOut}: targets within a
 *       speaker, non-targets across the two groups only), per condition clean, µ-law, telephone and cross-channel
 *       (enroll clean, test telephone);</li>
 *   <li>every configuration (LDA+WCCN+cosine and PLDA, each at every {@code --lda-dims}) is measured that way; the
 *       lowest mean EER over the four conditions wins (ties: cosine, the cheaper scorer);</li>
 *   <li>the winner is retrained on every train speaker; its BioScore calibration is fitted on the pooled out-of-fold
 *       raw scores (prior 0.5), and the decision thresholds are read off the calibrated out-of-fold DET of the
 *       telephone condition (as docs/engine.md §8 does).</li>
 * </ol>
 * Refuses any speaker that {@code speakers.tsv} does not mark {@code train}. Deterministic: the same corpus gives
 * the same file, byte for byte.
 */
public final class TrainBackend {

    static final String[] CONDITIONS = {"clean", "mulaw", "telephone", "cross-channel"};
    static final double PRIOR = 0.5;

    /** One train unit: its x-vector per channel condition (clean, mulaw, telephone). */
    record Unit(String id, Map<String, float[]> byCondition) {
    }

    /** Options. */
    record Options(Path corpus, Path out, Path cache, Path report, Path thresholds, int[] ldaDims,
                   int maxEnroll, int maxTests, double[] plainWeights) {
    }

    /** Out-of-fold raw scores of one configuration, per condition. */
    record CvScores(Map<String, List<Double>> targets, Map<String, List<Double>> nonTargets) {
        CvScores() {
            this(new TreeMap<>(), new TreeMap<>());
        }

        void add(String cond, boolean target, double s) {
            (target ? targets : nonTargets).computeIfAbsent(cond, k -> new ArrayList<>()).add(s);
        }

        DetMetrics metrics(String cond) {
            return new DetMetrics(arr(targets.get(cond)), arr(nonTargets.get(cond)));
        }

        double[] pooled(boolean target) {
            return arr((target ? targets : nonTargets).values().stream().flatMap(List::stream).toList());
        }
    }

    /** The x-vector as it is, cosine scoring: the CV reference without a back end. */
    static final dev.voicegate.biometrics.xvector.EmbeddingScorer PLAIN_COSINE = new dev.voicegate.biometrics.xvector.EmbeddingScorer() {
        @Override
        public String id() {
            return "cosine";
        }

        @Override
        public int dimension() {
            return 128;
        }

        @Override
        public float[] project(float[] xvector) {
            return Vectors.lengthNormalise(xvector);
        }

        @Override
        public double rawScore(float[] templateMean, float[] projectedTest) {
            return Vectors.cosine(templateMean, projectedTest);
        }

        @Override
        public double calibrate(double rawScore) {
            throw new UnsupportedOperationException("reference scorer: not calibrated");
        }
    };

    private TrainBackend() {
    }

    public static void main(String[] args) throws IOException {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("train-backend: " + e.getMessage());
            System.err.println("usage: TrainBackend --corpus DIR --out FILE [--cache FILE] [--report FILE] "
                    + "[--thresholds FILE] [--lda-dims 32,64,...] [--max-enroll N] [--max-tests N] "
                    + "[--plain-weights 0.1,0.2,...]");
            System.exit(2);
            return;
        }
        run(o, System.out);
    }

    static Options parse(String[] args) {
        Path corpus = null;
        Path out = null;
        Path cache = null;
        Path report = null;
        Path thresholds = null;
        int[] dims = {32, 48, 64, 100, 127};
        int maxEnroll = 4;
        int maxTests = 10;
        double[] plainWeights = DEFAULT_PLAIN_WEIGHTS;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + ": missing value");
            }
            String v = args[++i];
            switch (a) {
                case "--corpus" -> corpus = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--cache" -> cache = Path.of(v);
                case "--report" -> report = Path.of(v);
                case "--thresholds" -> thresholds = Path.of(v);
                case "--lda-dims" -> dims = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--max-enroll" -> maxEnroll = Integer.parseInt(v);
                case "--max-tests" -> maxTests = Integer.parseInt(v);
                case "--plain-weights" -> plainWeights = plainWeights(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (corpus == null || out == null) {
            throw new IllegalArgumentException("--corpus and --out are required");
        }
        if (cache == null) {
            cache = Path.of("biometrics-engine/target/xvector-cache/train-embeddings.tsv");
        }
        return new Options(corpus, out, cache, report, thresholds, dims, maxEnroll, maxTests, plainWeights);
    }

    /** Weights of the plain x-vector tried in fusion with the best back end: none unless asked (docs/engine.md §10). */
    static final double[] DEFAULT_PLAIN_WEIGHTS = {};

    /** "0.1,0.3": each in [0, 1); "0" alone = no fusion tried. */
    static double[] plainWeights(String v) {
        double[] w;
        try {
            w = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--plain-weights " + v + ": not a comma-separated list of numbers");
        }
        for (double x : w) {
            if (!(x >= 0 && x < 1)) {
                throw new IllegalArgumentException("--plain-weights " + v + ": " + x + " (expected: each 0 <= w < 1)");
            }
        }
        return Arrays.stream(w).filter(x -> x > 0).toArray();
    }

    static void run(Options o, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        Map<String, String> groupOf = readSpeakers(o.corpus().resolve("speakers.tsv"));
        Map<String, List<Unit>> units = readUnits(o, groupOf, log);
        log.printf(Locale.ROOT, "train split: %d speakers, %d units, %d actor groups (%.0f s)%n", units.size(),
                units.values().stream().mapToInt(List::size).sum(),
                new TreeSet<>(units.keySet().stream().map(groupOf::get).toList()).size(), secs(t0));

        List<List<String>> experiments = experiments(units, groupOf);
        log.println("cross-validation: " + experiments.size() + " held-out group pairs " + experiments);
        StringBuilder report = new StringBuilder();
        report.append("# x-vector back end: cross-validation on the train split by actor group\n\n");
        report.append("Held out in turn: ").append(experiments).append("\n\n");
        report.append("| back end | ").append(String.join(" EER | ", CONDITIONS)).append(" EER | mean EER | mean minDCF(0.01) |\n");
        report.append("|---|---|---|---|---|---|---|\n");
        {
            // Reference: the post-processed x-vector with plain cosine, no back end (nothing trained).
            CvScores cv = new CvScores();
            for (List<String> held : experiments) {
                scoreHeldOut(PLAIN_COSINE, units, groupOf, held, o, cv, null, 0);
            }
            StringBuilder row = new StringBuilder("| no back end (plain cosine, reference) |");
            double meanEer = 0;
            double meanDcf = 0;
            for (String c : CONDITIONS) {
                DetMetrics m = cv.metrics(c);
                meanEer += m.eer() / CONDITIONS.length;
                meanDcf += m.minDcf(0.01) / CONDITIONS.length;
                row.append(String.format(Locale.ROOT, " %.2f %% |", 100 * m.eer()));
            }
            row.append(String.format(Locale.ROOT, " %.2f %% | %.3f |%n", 100 * meanEer, meanDcf));
            report.append(row);
            log.print(row);
        }
        String best = null;
        double bestEer = Double.MAX_VALUE;
        CvScores bestScores = null;
        XvectorBackend.Config bestConfig = null;
        for (XvectorBackend.Scoring scoring : XvectorBackend.Scoring.values()) {
            for (int dim : o.ldaDims()) {
                XvectorBackend.Config cfg = new XvectorBackend.Config(dim, Plda.DEFAULT_EM_ITERATIONS, scoring);
                CvScores cv = crossValidate(units, groupOf, experiments, cfg, o);
                String name = scoring.name().toLowerCase(Locale.ROOT) + " lda" + dim;
                double meanEer = 0;
                double meanDcf = 0;
                StringBuilder row = new StringBuilder("| " + name + " |");
                for (String c : CONDITIONS) {
                    DetMetrics m = cv.metrics(c);
                    meanEer += m.eer() / CONDITIONS.length;
                    meanDcf += m.minDcf(0.01) / CONDITIONS.length;
                    row.append(String.format(Locale.ROOT, " %.2f %% |", 100 * m.eer()));
                }
                row.append(String.format(Locale.ROOT, " %.2f %% | %.3f |%n", 100 * meanEer, meanDcf));
                report.append(row);
                log.print(row);
                if (meanEer < bestEer - 1e-12) {
                    bestEer = meanEer;
                    best = name;
                    bestScores = cv;
                    bestConfig = cfg;
                }
            }
        }
        // Fusion of the winner with the plain x-vector: a weighted concatenation, so 1:N stays one dot product.
        double bestWeight = 0;
        String unfused = best;
        for (double w : o.plainWeights()) {
            CvScores cv = crossValidate(units, groupOf, experiments, bestConfig, o, 0, w);
            String name = unfused + " + plain x-vector w=" + String.format(Locale.ROOT, "%.2f", w);
            double meanEer = 0;
            double meanDcf = 0;
            StringBuilder row = new StringBuilder("| " + name + " |");
            for (String c : CONDITIONS) {
                DetMetrics m = cv.metrics(c);
                meanEer += m.eer() / CONDITIONS.length;
                meanDcf += m.minDcf(0.01) / CONDITIONS.length;
                row.append(String.format(Locale.ROOT, " %.2f %% |", 100 * m.eer()));
            }
            row.append(String.format(Locale.ROOT, " %.2f %% | %.3f |%n", 100 * meanEer, meanDcf));
            report.append(row);
            log.print(row);
            if (meanEer < bestEer - 1e-12) {
                bestEer = meanEer;
                best = name;
                bestScores = cv;
                bestWeight = w;
            }
        }
        for (int topN : new int[] {50, 200}) {
            CvScores cv = crossValidate(units, groupOf, experiments, bestConfig, o, topN, bestWeight);
            StringBuilder row = new StringBuilder("| " + best + " + AS-Norm top " + topN + " (1:1 only; not shipped) |");
            double meanEer = 0;
            double meanDcf = 0;
            for (String c : CONDITIONS) {
                DetMetrics m = cv.metrics(c);
                meanEer += m.eer() / CONDITIONS.length;
                meanDcf += m.minDcf(0.01) / CONDITIONS.length;
                row.append(String.format(Locale.ROOT, " %.2f %% |", 100 * m.eer()));
            }
            row.append(String.format(Locale.ROOT, " %.2f %% | %.3f |%n", 100 * meanEer, meanDcf));
            report.append(row);
            log.print(row);
        }
        DetMetrics any = bestScores.metrics(CONDITIONS[0]);
        report.append(String.format(Locale.ROOT, "%nTrials per condition (out of fold): %d target, %d non-target.%n",
                any.targetCount(), any.nonTargetCount()));
        report.append("\nChosen: **").append(best).append("** (lowest mean EER).\n");
        log.println("chosen: " + best);

        // The shipped back end: every train speaker, calibrated on the out-of-fold scores.
        XvectorBackend finalBackend = XvectorBackend.train(trainingSet(units, units.keySet()), capped(bestConfig, units.size()))
                .withPlainWeight(bestWeight);
        ScoreCalibration cal = ScoreCalibration.fit(bestScores.pooled(true), bestScores.pooled(false), PRIOR);
        finalBackend = finalBackend.withCalibration(cal);
        byte[] bytes = BackendFile.write(finalBackend);
        if (o.out().toAbsolutePath().getParent() != null) {
            Files.createDirectories(o.out().toAbsolutePath().getParent());
        }
        Files.write(o.out(), bytes);
        report.append(String.format(Locale.ROOT, "Calibration (pooled out-of-fold raw scores, prior %.2f): llr = %.6f·s %+.6f.%n",
                PRIOR, cal.slope(), cal.offset()));
        report.append("Back-end file: ").append(bytes.length).append(" bytes, SHA-256 ")
                .append(EmbeddingCache.sha256(bytes)).append(".\n");

        // Thresholds from the calibrated out-of-fold DET (telephone condition, as docs/engine.md §8).
        report.append("\n## Calibrated out-of-fold figures and thresholds\n\n");
        report.append("| condition | EER | EER threshold | BioScore at FMR 1 % | FNMR at FMR 1 % | at FMR 0.1 % | FNMR at FMR 0.1 % |\n");
        report.append("|---|---|---|---|---|---|---|\n");
        Map<String, DetMetrics> calibrated = new LinkedHashMap<>();
        for (String c : CONDITIONS) {
            DetMetrics m = new DetMetrics(Arrays.stream(arr(bestScores.targets().get(c))).map(cal::probability).toArray(),
                    Arrays.stream(arr(bestScores.nonTargets().get(c))).map(cal::probability).toArray());
            calibrated.put(c, m);
            report.append(String.format(Locale.ROOT, "| %s | %.2f %% | %.4f | %.4f | %.2f %% | %.4f | %.2f %% |%n", c,
                    100 * m.eer(), m.eerThreshold(), m.thresholdAtFmr(0.01), 100 * m.fnmrAtFmr(0.01),
                    m.thresholdAtFmr(0.001), 100 * m.fnmrAtFmr(0.001)));
        }
        DetMetrics tel = calibrated.get("telephone");
        double[] t = {tel.thresholdAtFnmr(0.001), tel.thresholdAtFnmr(0.01), tel.eerThreshold(), tel.thresholdAtFmr(0.01),
                      tel.thresholdAtFmr(0.001)};
        String props = String.format(Locale.ROOT,
                "# Decision thresholds for the x-vector back end (BioScore), from the calibrated out-of-fold DET of the%n"
                + "# real-speech train split, telephone condition (TrainBackend; docs/engine.md).%n"
                + "thresholds.falseMedium=%.4f%nthresholds.falseLow=%.4f%nthresholds.trueLow=%.4f%n"
                + "thresholds.trueMedium=%.4f%nthresholds.trueHigh=%.4f%nsearchThreshold=%.4f%nblocklistThreshold=%.4f%n",
                t[0], t[1], t[2], t[3], t[4], t[4], t[3]);
        report.append("\nThresholds (telephone condition): falseMedium (FNMR 0.1 %) ").append(fmt(t[0]))
                .append(", falseLow (FNMR 1 %) ").append(fmt(t[1])).append(", trueLow (EER) ").append(fmt(t[2]))
                .append(", trueMedium (FMR 1 %) ").append(fmt(t[3])).append(", trueHigh (FMR 0.1 %) ").append(fmt(t[4]))
                .append("; searchThreshold = trueHigh, blocklistThreshold = trueMedium.\n");
        if (o.thresholds() != null) {
            Files.writeString(o.thresholds(), props, StandardCharsets.UTF_8);
        }
        report.append(String.format(Locale.ROOT, "%nRun time %.0f s.%n", secs(t0)));
        if (o.report() != null) {
            Files.writeString(o.report(), report, StandardCharsets.UTF_8);
        }
        log.print(report);
        log.print(props);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** speaker → actor group; fails on a malformed file. Only {@code train} speakers are returned. */
    static Map<String, String> readSpeakers(Path tsv) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("speaker_id\tgroup")) {
            throw new IllegalArgumentException(tsv + ": not a speakers.tsv (expected header speaker_id<TAB>group…)");
        }
        String[] head = lines.get(0).split("\t");
        int split = Arrays.asList(head).indexOf("split");
        if (split < 0) {
            throw new IllegalArgumentException(tsv + ": no 'split' column");
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            if (f.length != head.length) {
                throw new IllegalArgumentException(tsv + ":" + (i + 1) + ": " + f.length + " fields (expected: " + head.length + ")");
            }
            if (f[split].equals("train")) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    static Map<String, List<Unit>> readUnits(Options o, Map<String, String> trainGroups, PrintStream log) throws IOException {
        Path list = o.corpus().resolve("train/list.tsv");
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        Map<String, Path> files = new TreeMap<>();
        Map<String, String[]> meta = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("speaker\t")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 3 || !(f[2].equals("clean") || f[2].equals("mulaw") || f[2].equals("telephone"))) {
                throw new IllegalArgumentException(list + ":" + (i + 1)
                        + ": malformed line (expected: speaker<TAB>wav<TAB>clean|mulaw|telephone)");
            }
            if (!trainGroups.containsKey(f[0])) {
                throw new IllegalArgumentException(list + ":" + (i + 1) + ": speaker " + f[0]
                        + " is not in the train split of speakers.tsv (eval speakers never train the back end)");
            }
            files.put(f[1], list.getParent().resolve(f[1]));
            meta.put(f[1], f);
        }
        log.println("embedding " + files.size() + " train files (cache " + o.cache() + ")");
        Map<String, Optional<WavEmbedder.Embedding>> emb = EmbeddingCache.open(o.cache()).embedAll(XvectorModel.loadDefault(),
                files, log);
        Map<String, Map<String, Map<String, float[]>>> bySpeaker = new TreeMap<>();
        int silent = 0;
        for (Map.Entry<String, String[]> e : meta.entrySet()) {
            String[] f = e.getValue();
            Optional<WavEmbedder.Embedding> v = emb.get(e.getKey());
            if (v.isEmpty()) {
                silent++;
                continue;
            }
            String unit = unitId(f[1]);
            bySpeaker.computeIfAbsent(f[0], k -> new TreeMap<>()).computeIfAbsent(unit, k -> new TreeMap<>())
                    .put(f[2], v.get().vector());
        }
        if (silent > 0) {
            log.println("  " + silent + " files without speech left out");
        }
        Map<String, List<Unit>> out = new TreeMap<>();
        bySpeaker.forEach((s, us) -> {
            List<Unit> l = new ArrayList<>();
            us.forEach((id, m) -> {
                if (m.size() == 3) {
                    l.add(new Unit(id, m));
                }
            });
            if (!l.isEmpty()) {
                out.put(s, l);
            }
        });
        return out;
    }

    private static String unitId(String wav) {
        String s = wav.endsWith(".wav") ? wav.substring(0, wav.length() - 4) : wav;
        if (s.endsWith("-mulaw")) {
            return s.substring(0, s.length() - 6);
        }
        if (s.endsWith("-tel")) {
            return s.substring(0, s.length() - 4);
        }
        return s;
    }

    /**
     * The cross-validation experiments: every pair of actor groups is held out once (the back end is trained on all
     * other groups); trials are among the two held-out groups, so every non-target pairs two unseen speakers of
     * different groups (one group may hold one actor under several labels, so no non-target stays inside a group).
     */
    static List<List<String>> experiments(Map<String, List<Unit>> units, Map<String, String> groupOf) {
        List<String> groups = new ArrayList<>(new TreeSet<>(units.keySet().stream().map(groupOf::get).toList()));
        if (groups.size() < 3) {
            throw new IllegalArgumentException("train split: " + groups.size()
                    + " actor groups (expected: at least 3, to hold out two and train on the rest)");
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                out.add(List.of(groups.get(i), groups.get(j)));
            }
        }
        return out;
    }

    static TrainingSet trainingSet(Map<String, List<Unit>> units, java.util.Collection<String> speakers) {
        Map<String, List<float[]>> m = new LinkedHashMap<>();
        for (String s : new TreeSet<>(speakers)) {
            List<float[]> vs = new ArrayList<>();
            for (Unit u : units.get(s)) {
                vs.addAll(u.byCondition().values());
            }
            m.put(s, vs);
        }
        return new TrainingSet(m);
    }

    private static XvectorBackend.Config capped(XvectorBackend.Config c, int speakers) {
        return new XvectorBackend.Config(Math.min(c.ldaDim(), speakers - 1), c.emIterations(), c.scoring());
    }

    static CvScores crossValidate(Map<String, List<Unit>> units, Map<String, String> groupOf, List<List<String>> experiments,
            XvectorBackend.Config cfg, Options o) {
        return crossValidate(units, groupOf, experiments, cfg, o, 0, 0);
    }

    /** The AS-Norm cohort of a fold: one vector per training speaker, the mean of its projected vectors. */
    static List<float[]> cohort(BackendScorer scorer, Map<String, List<Unit>> units, List<String> speakers) {
        List<float[]> out = new ArrayList<>();
        for (String s : speakers) {
            List<float[]> p = new ArrayList<>();
            for (Unit u : units.get(s)) {
                u.byCondition().values().forEach(x -> p.add(scorer.project(x)));
            }
            out.add(Vectors.lengthNormalise(Vectors.mean(p)));
        }
        return out;
    }

    /**
     * Cross-validation, with AS-Norm against the fold's training speakers when {@code asNormTopN > 0} and the plain
     * x-vector fused with weight {@code plainWeight} when it is above 0.
     */
    static CvScores crossValidate(Map<String, List<Unit>> units, Map<String, String> groupOf, List<List<String>> experiments,
            XvectorBackend.Config cfg, Options o, int asNormTopN, double plainWeight) {
        CvScores cv = new CvScores();
        for (List<String> held : experiments) {
            List<String> rest = new ArrayList<>();
            for (String s : units.keySet()) {
                if (!held.contains(groupOf.get(s))) {
                    rest.add(s);
                }
            }
            XvectorBackend b = XvectorBackend.train(trainingSet(units, rest), capped(cfg, rest.size()))
                    .withPlainWeight(plainWeight);
            BackendScorer scorer = BackendScorer.uncalibrated(b);
            scoreHeldOut(scorer, units, groupOf, held, o, cv, asNormTopN > 0 ? cohort(scorer, units, rest) : null, asNormTopN);
        }
        return cv;
    }

    /** Enrollment/test plan of a speaker: its first units enroll, the next ones are tests; null when under 3 units. */
    static int[] plan(List<Unit> us, Options o) {
        if (us.size() < 3) {
            return null;
        }
        int enroll = Math.min(o.maxEnroll(), us.size() / 2);
        int tests = Math.min(o.maxTests(), us.size() - enroll);
        return new int[] {enroll, tests};
    }

    /**
     * Trials of two held-out groups: a speaker with at least 3 units enrolls on its first units (mean of their
     * projected vectors, as templates do) and is tested on its next ones (targets) and on up to {@code maxTests}
     * units of every speaker of the other group (non-targets).
     */
    static void scoreHeldOut(dev.voicegate.biometrics.xvector.EmbeddingScorer scorer, Map<String, List<Unit>> units, Map<String, String> groupOf,
            List<String> held, Options o, CvScores cv, List<float[]> cohort, int topN) {
        for (String cond : CONDITIONS) {
            String enrollCond = cond.equals("cross-channel") ? "clean" : cond;
            String testCond = cond.equals("cross-channel") ? "telephone" : cond;
            TEST_STATS.get().clear();
            Map<String, float[]> templates = new TreeMap<>();
            Map<String, List<float[]>> targetTests = new TreeMap<>();
            Map<String, List<float[]>> anyTests = new TreeMap<>();
            for (Map.Entry<String, List<Unit>> e : units.entrySet()) {
                String s = e.getKey();
                if (!held.contains(groupOf.get(s))) {
                    continue;
                }
                List<Unit> us = e.getValue();
                int[] p = plan(us, o);
                int from = p == null ? 0 : p[0];
                List<float[]> ts = new ArrayList<>();
                for (int i = from; i < Math.min(us.size(), from + o.maxTests()); i++) {
                    ts.add(scorer.project(us.get(i).byCondition().get(testCond)));
                }
                anyTests.put(s, ts);
                if (p != null) {
                    List<float[]> proj = new ArrayList<>();
                    for (int i = 0; i < p[0]; i++) {
                        proj.add(scorer.project(us.get(i).byCondition().get(enrollCond)));
                    }
                    templates.put(s, Vectors.mean(proj));
                    targetTests.put(s, ts);
                }
            }
            for (Map.Entry<String, float[]> e : templates.entrySet()) {
                String g = groupOf.get(e.getKey());
                AsNorm.CohortStats es = cohort == null ? null : stats(scorer, e.getValue(), cohort, topN);
                for (float[] x : targetTests.get(e.getKey())) {
                    cv.add(cond, true, norm(scorer, e.getValue(), x, es, cohort, topN));
                }
                for (Map.Entry<String, List<float[]>> t : anyTests.entrySet()) {
                    if (groupOf.get(t.getKey()).equals(g)) {
                        continue;
                    }
                    for (float[] x : t.getValue()) {
                        cv.add(cond, false, norm(scorer, e.getValue(), x, es, cohort, topN));
                    }
                }
            }
        }
    }

    /** Cohort statistics of test vectors (by identity) within one held-out scoring pass. */
    private static final ThreadLocal<java.util.IdentityHashMap<float[], AsNorm.CohortStats>> TEST_STATS =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    private static AsNorm.CohortStats stats(dev.voicegate.biometrics.xvector.EmbeddingScorer scorer, float[] side,
            List<float[]> cohort, int topN) {
        double[] cs = new double[cohort.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = scorer.rawScore(side, cohort.get(i));
        }
        return AsNorm.topN(cs, topN);
    }

    private static double norm(dev.voicegate.biometrics.xvector.EmbeddingScorer scorer, float[] template, float[] test,
            AsNorm.CohortStats es, List<float[]> cohort, int topN) {
        double raw = scorer.rawScore(template, test);
        if (cohort == null) {
            return raw;
        }
        AsNorm.CohortStats ts = TEST_STATS.get().computeIfAbsent(test, t -> stats(scorer, t, cohort, topN));
        return AsNorm.normalise(raw, es, ts);
    }

    static double[] arr(List<Double> l) {
        return l == null ? new double[0] : l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
