package dev.voicegate.biometrics.internal.eval;

import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.internal.model.GmmSupervectorExtractor;
import dev.voicegate.biometrics.xvector.EmbeddingScorer;
import dev.voicegate.biometrics.xvector.XvectorModel;
import dev.voicegate.biometrics.xvector.backend.BackendScorer;
import dev.voicegate.biometrics.xvector.backend.EmbeddingCache;
import dev.voicegate.biometrics.xvector.backend.WavEmbedder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real-speech evaluation ({@code biometrics-engine/corpus/real/eval-xvector.sh} runs it): every
 * {@code eval/trials-*.tsv} of the real-speech corpus scored by four systems:
 * <ol>
 *   <li>{@code xvector+backend}: the x-vector and the trained back end ({@link BackendScorer}, BioScore);</li>
 *   <li>{@code baseline}: the training-free baseline ({@link Baseline});</li>
 *   <li>{@code gmm-v3}: today's GMM-supervector engine ({@link GmmSupervectorExtractor#loadDefault()});</li>
 *   <li>{@code xvector-cosine}: the x-vector with plain cosine scoring, no back end.</li>
 * </ol>
 * Per list and system: EER, minDCF (P_target 0.01), FNMR at FMR 1 %, the 95 % bootstrap interval of the EER and
 * of its ratio to the baseline ({@link Bootstrap}, over enrolled speakers). Each WAV is analysed once for all
 * lists; x-vectors are cached ({@link EmbeddingCache}). Writes a Markdown table to {@code --out}.
 */
public final class XvectorEval {

    static final String[] LISTS = {"clean", "mulaw", "telephone", "cross-channel", "short-6s", "short-3s"};
    static final String[] SYSTEMS = {"xvector+backend", "baseline", "gmm-v3", "xvector-cosine"};

    private record Analysed(double[] baseMean, double[] baseVar, float[] gmm) {
    }

    private XvectorEval() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = null;
        Path backend = null;
        Path cache = Path.of("biometrics-engine/target/xvector-cache/eval-embeddings.tsv");
        Path out = null;
        int replicates = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--corpus" -> corpus = Path.of(args[i + 1]);
                case "--backend" -> backend = Path.of(args[i + 1]);
                case "--cache" -> cache = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--replicates" -> replicates = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("xvector-eval: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (corpus == null || args.length % 2 != 0) {
            System.err.println("usage: XvectorEval --corpus DIR [--backend FILE] [--cache FILE] [--out FILE] [--replicates N]");
            System.exit(2);
        }
        EmbeddingScorer scorer = backend == null ? BackendScorer.loadDefault() : BackendScorer.load(backend);
        String md = run(corpus, scorer, cache, replicates, System.out);
        if (out != null) {
            Files.writeString(out, md, StandardCharsets.UTF_8);
        }
        System.out.print(md);
    }

    static String run(Path corpus, EmbeddingScorer scorer, Path cache, int replicates, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        Map<String, List<Trials.Trial>> lists = new LinkedHashMap<>();
        for (String l : LISTS) {
            Path p = corpus.resolve("eval/trials-" + l + ".tsv");
            if (Files.exists(p)) {
                lists.put(l, Trials.read(p));
            }
        }
        if (lists.isEmpty()) {
            throw new IllegalArgumentException(corpus + "/eval: no trials-*.tsv");
        }
        Path evalDir = corpus.resolve("eval").toAbsolutePath().normalize();
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        lists.values().forEach(ts -> ts.forEach(t -> {
            files.add(t.enroll().normalize());
            files.add(t.test().normalize());
        }));
        Map<String, Path> byKey = new TreeMap<>();
        for (Path p : files) {
            byKey.put(evalDir.relativize(p.toAbsolutePath()).toString(), p);
        }
        log.println("xvector-eval: " + files.size() + " files in " + lists.size() + " lists");
        XvectorModel model = XvectorModel.loadDefault();
        Map<String, Optional<WavEmbedder.Embedding>> xv = EmbeddingCache.open(cache).embedAll(model, byKey, log);
        log.printf(Locale.ROOT, "x-vectors done (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
        VoiceprintExtractor gmm = GmmSupervectorExtractor.loadDefault();
        Path gmmCache = cache.resolveSibling("eval-gmm-baseline.tsv");
        Map<String, Analysed> an = new ConcurrentHashMap<>(readAnalysed(gmmCache));
        an.keySet().retainAll(byKey.keySet());
        List<String> todo = new ArrayList<>(byKey.keySet());
        todo.removeAll(an.keySet());
        todo.parallelStream().forEach(k -> {
            ClipFeatures f = ClipFeatures.of(WavReader.read(byKey.get(k)).samples8k());
            FrameAccumulator acc = gmm.newAccumulator();
            f.frames().forEach(acc::accept);
            an.put(k, new Analysed(f.baselineMean(), f.baselineVar(), acc.embedding()));
        });
        if (!todo.isEmpty()) {
            writeAnalysed(gmmCache, new TreeMap<>(an));
        }
        log.printf(Locale.ROOT, "GMM and baseline features done (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
        Map<String, float[]> projected = new TreeMap<>();
        xv.forEach((k, e) -> e.ifPresent(v -> projected.put(k, scorer.project(v.vector()))));

        StringBuilder md = new StringBuilder();
        md.append("| list | trials (tar/non) | system | EER | EER 95 % CI | minDCF(0.01) | FNMR @ FMR 1 % | EER / baseline (95 % CI) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Trials.Trial>> l : lists.entrySet()) {
            List<Trials.Trial> trials = new ArrayList<>();
            for (Trials.Trial t : l.getValue()) {
                String a = key(evalDir, t.enroll());
                String b = key(evalDir, t.test());
                if (projected.containsKey(a) && projected.containsKey(b)) {
                    trials.add(t);
                }
            }
            int dropped = l.getValue().size() - trials.size();
            double[][] s = new double[SYSTEMS.length][trials.size()];
            for (int i = 0; i < trials.size(); i++) {
                String a = key(evalDir, trials.get(i).enroll());
                String b = key(evalDir, trials.get(i).test());
                s[0][i] = scorer.calibrate(scorer.rawScore(projected.get(a), projected.get(b)));
                Analysed x = an.get(a);
                Analysed y = an.get(b);
                s[1][i] = Baseline.score(new ClipFeatures(List.of(), null, x.baseMean(), x.baseVar()),
                        new ClipFeatures(List.of(), null, y.baseMean(), y.baseVar()));
                s[2][i] = gmm.calibrate(gmm.rawScore(x.gmm(), y.gmm()));
                s[3][i] = dot(xv.get(a).get().vector(), xv.get(b).get().vector());
            }
            long tar = trials.stream().filter(Trials.Trial::target).count();
            for (int k = 0; k < SYSTEMS.length; k++) {
                DetMetrics m = metrics(trials, s[k]);
                Bootstrap.Result br = Bootstrap.run(trials, s[k], s[1], replicates, 20261204L);
                String ratio = k == 1 ? "–" : String.format(Locale.ROOT, "%.2f (%.2f–%.2f)",
                        m.eer() / metrics(trials, s[1]).eer(), br.ratio().low(), br.ratio().high());
                md.append(String.format(Locale.ROOT, "| %s | %d/%d%s | %s | %.2f %% | %.2f–%.2f %% | %.3f | %.2f %% | %s |%n",
                        l.getKey(), tar, trials.size() - tar, dropped > 0 ? " (" + dropped + " without speech)" : "",
                        SYSTEMS[k], 100 * m.eer(), 100 * br.engineEer().low(), 100 * br.engineEer().high(), m.minDcf(0.01),
                        100 * m.fnmrAtFmr(0.01), ratio));
            }
        }
        md.append(String.format(Locale.ROOT, "%nBack end: %s. %d files, %d bootstrap replicates, %.0f s.%n", scorer.id(),
                files.size(), replicates, (System.nanoTime() - t0) / 1e9));
        return md.toString();
    }

    /**
     * GMM v3 embeddings and baseline statistics per eval file ({@code key<TAB>mean<TAB>var<TAB>gmm}, comma-separated,
     * exact round trip). Keyed by path only: delete the file when the corpus or the GMM model changes.
     */
    private static Map<String, Analysed> readAnalysed(Path file) throws IOException {
        Map<String, Analysed> out = new TreeMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw new IllegalArgumentException(file + ": malformed line (expected 4 fields)");
            }
            out.put(f[0], new Analysed(doubles(f[1]), doubles(f[2]), floats(f[3])));
        }
        return out;
    }

    private static void writeAnalysed(Path file, Map<String, Analysed> an) throws IOException {
        StringBuilder s = new StringBuilder();
        an.forEach((k, a) -> {
            s.append(k).append('\t');
            join(s, a.baseMean());
            s.append('\t');
            join(s, a.baseVar());
            s.append('\t');
            for (int i = 0; i < a.gmm().length; i++) {
                s.append(i == 0 ? "" : ",").append(Float.toString(a.gmm()[i]));
            }
            s.append('\n');
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }

    private static void join(StringBuilder s, double[] v) {
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(Double.toString(v[i]));
        }
    }

    private static double[] doubles(String s) {
        return java.util.Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static float[] floats(String s) {
        String[] xs = s.split(",");
        float[] v = new float[xs.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(xs[i]);
        }
        return v;
    }

    private static String key(Path evalDir, Path p) {
        return evalDir.relativize(p.normalize().toAbsolutePath()).toString();
    }

    private static DetMetrics metrics(List<Trials.Trial> trials, double[] s) {
        List<Double> t = new ArrayList<>();
        List<Double> n = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            (trials.get(i).target() ? t : n).add(s[i]);
        }
        return new DetMetrics(t.stream().mapToDouble(Double::doubleValue).toArray(),
                n.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
