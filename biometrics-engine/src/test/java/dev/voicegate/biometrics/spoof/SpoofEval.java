package dev.voicegate.biometrics.spoof;

import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.xvector.XvectorModel;
import dev.voicegate.biometrics.xvector.backend.WavEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Trains and evaluates the synthetic-speech detector (issue 12 item 3; docs/engine.md §12; run by
 * {@code corpus/spoof/eval-spoof.sh}) by leave-one-engine-out: for each TTS engine, a {@link LogisticDetector}
 * on {@link SpoofFeatures} is trained on the real corpus's train speakers and the other engines' attacks and
 * tested on the real corpus's eval speakers and the held-out engine (ISO/IEC 30107-3: APCER, BPCER). Prints,
 * per fold, the DET operating points (BPCER at APCER ≤ 10 %, APCER at BPCER ≤ 5 %, EER) with 95 % intervals
 * (Wilson for the fixed-threshold rates; a bootstrap over real speakers and TTS voices for the operating
 * points), the rates at the pre-set threshold 0 (log-odds, class-balanced), and
 * writes each fold's DET points to OUT/det-FEATURES-ENGINE.tsv.
 *
 * With {@code --xvector} the x-vector embedding (the engine's default extractor, {@link WavEmbedder}) is a
 * second feature set and three detectors are evaluated: front-end statistics, x-vector, both concatenated.
 *
 * <pre>SpoofEval REAL_CORPUS SPOOF_CORPUS OUT_DIR [threads] [--xvector]</pre>
 */
public final class SpoofEval {

    static final double LAMBDA = 1e-2;
    static final int REPLICATES = 1000;

    private SpoofEval() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SpoofEval REAL_CORPUS SPOOF_CORPUS OUT_DIR [threads] [--xvector]");
            System.exit(2);
        }
        Path real = Path.of(args[0]);
        Path spoof = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int threads = args.length > 3 && !args[3].startsWith("--") ? Integer.parseInt(args[3]) : 2;
        boolean xvec = java.util.Arrays.asList(args).contains("--xvector");
        XvectorModel model = xvec ? XvectorModel.loadDefault() : null;
        Files.createDirectories(out);
        List<SpoofData.Clip> realClips = SpoofData.realClips(real);
        List<SpoofData.Clip> spoofClips = SpoofData.spoofClips(spoof);
        List<SpoofData.Clip> all = new ArrayList<>(realClips);
        all.addAll(spoofClips);
        long t0 = System.nanoTime();
        Map<Path, double[]> feats = new ConcurrentHashMap<>();
        ForkJoinPool pool = new ForkJoinPool(threads);
        pool.submit(() -> all.parallelStream().forEach(c -> {
            short[] pcm = WavReader.read(c.wav()).samples8k();
            double[] f = SpoofFeatures.of(pcm);
            if (f == null) {
                return;
            }
            if (model != null) {
                var e = WavEmbedder.embed(model, pcm);
                if (e.isEmpty()) {
                    return;
                }
                float[] v = e.get().vector();
                double[] both = java.util.Arrays.copyOf(f, f.length + v.length);
                for (int i = 0; i < v.length; i++) {
                    both[f.length + i] = v[i];
                }
                f = both;
            }
            feats.put(c.wav(), f);
        })).get();
        pool.shutdown();
        System.out.printf(Locale.ROOT, "features: %d of %d clips (%d with < 0.5 s speech skipped), %.0f s%n",
                feats.size(), all.size(), all.size() - feats.size(), (System.nanoTime() - t0) / 1e9);
        realClips = realClips.stream().filter(c -> feats.containsKey(c.wav())).toList();
        spoofClips = spoofClips.stream().filter(c -> feats.containsKey(c.wav())).toList();
        int fd = SpoofFeatures.DIM;
        int width = feats.values().iterator().next().length;
        Map<String, int[]> sets = new LinkedHashMap<>();
        sets.put("front-end statistics", new int[] {0, fd});
        if (model != null) {
            sets.put("x-vector", new int[] {fd, width});
            sets.put("front-end statistics + x-vector", new int[] {0, width});
        }
        for (var set : sets.entrySet()) {
            int from = set.getValue()[0];
            int to = set.getValue()[1];
            Map<Path, double[]> sub = new HashMap<>();
            feats.forEach((k, v) -> sub.put(k, java.util.Arrays.copyOfRange(v, from, to)));
            System.out.printf(Locale.ROOT, "%n##### features: %s (%d dims)%n", set.getKey(), to - from);
            boolean allPass = true;
            for (SpoofData.Fold f : SpoofData.leaveOneEngineOut(realClips, spoofClips)) {
                allPass &= runFold(f, sub, out, set.getKey().replaceAll("[^a-z]+", "_"));
            }
            System.out.println(allPass ? "decision: every held-out engine reaches BPCER <= 5 % at APCER <= 10 %"
                    : "decision: at least one held-out engine misses BPCER <= 5 % at APCER <= 10 %: ship no detector");
        }
    }

    static boolean runFold(SpoofData.Fold f, Map<Path, double[]> feats, Path out, String tag) throws IOException {
        double[][] x = new double[f.train().size()][];
        boolean[] y = new boolean[x.length];
        int nb = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = feats.get(f.train().get(i).wav());
            y[i] = f.train().get(i).bonaFide();
            nb += y[i] ? 1 : 0;
        }
        LogisticDetector m = LogisticDetector.train(x, y, LAMBDA);
        List<Double> bona = new ArrayList<>();
        List<Double> att = new ArrayList<>();
        List<String> bonaKey = new ArrayList<>();
        List<String> attKey = new ArrayList<>();
        Map<String, List<double[]>> byCond = new LinkedHashMap<>();
        for (SpoofData.Clip c : f.test()) {
            double s = m.score(feats.get(c.wav()));
            (c.bonaFide() ? bona : att).add(s);
            (c.bonaFide() ? bonaKey : attKey).add(c.speaker());
            String cond = (c.bonaFide() ? "real " : "tts  ") + c.condition().replace("eval:", "");
            byCond.computeIfAbsent(cond, k -> new ArrayList<>()).add(new double[] {c.bonaFide() ? 1 : 0, s});
        }
        double[] b = bona.stream().mapToDouble(Double::doubleValue).toArray();
        double[] a = att.stream().mapToDouble(Double::doubleValue).toArray();
        PadMetrics pm = new PadMetrics(b, a);
        double tA = pm.thresholdAtApcer(0.10);
        double tB = pm.thresholdAtBpcer(0.05);
        double[] ci = bootstrap(b, bonaKey, a, attKey);
        System.out.printf(Locale.ROOT, "%n== held-out engine %s: train %d bona fide + %d attacks; test %d bona fide (%d speakers) + %d attacks (%d voices)%n",
                f.heldOutEngine(), nb, x.length - nb, b.length, bonaKey.stream().distinct().count(), a.length,
                attKey.stream().distinct().count());
        System.out.printf(Locale.ROOT, "EER %.1f %% [%.1f–%.1f]%n", 100 * pm.eer(), 100 * ci[4], 100 * ci[5]);
        System.out.printf(Locale.ROOT, "DET point APCER <= 10 %%: APCER %s, BPCER %s; bootstrap BPCER [%.1f–%.1f]%n",
                pm.apcer(tA), pm.bpcer(tA), 100 * ci[0], 100 * ci[1]);
        System.out.printf(Locale.ROOT, "DET point BPCER <= 5 %%:  APCER %s, BPCER %s; bootstrap APCER [%.1f–%.1f]%n",
                pm.apcer(tB), pm.bpcer(tB), 100 * ci[2], 100 * ci[3]);
        System.out.printf(Locale.ROOT, "pre-set threshold 0:     APCER %s, BPCER %s%n", pm.apcer(0), pm.bpcer(0));
        for (var e : byCond.entrySet()) {
            int n = 0;
            int err = 0;
            boolean isBona = false;
            for (double[] r : e.getValue()) {
                n++;
                isBona = r[0] == 1;
                err += (r[0] == 1) == (r[1] < 0) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "  at 0, %-14s: %s %s%n", e.getKey(),
                    isBona ? "BPCER" : "APCER", PadMetrics.wilson(err, n));
        }
        double[][] det = pm.detPoints();
        StringBuilder sb = new StringBuilder("apcer\tbpcer\n");
        for (int i = 0; i < det[0].length; i++) {
            sb.append(String.format(Locale.ROOT, "%.5f\t%.5f%n", det[0][i], det[1][i]));
        }
        Files.writeString(out.resolve("det-" + tag + "-" + f.heldOutEngine() + ".tsv"), sb);
        return pm.bpcer(tA).value() <= 0.05;
    }

    /**
     * 95 % percentile intervals of {BPCER at APCER ≤ 10 %, APCER at BPCER ≤ 5 %, EER} from a bootstrap that
     * resamples whole real speakers and whole TTS voices (clips of one voice are not independent).
     */
    static double[] bootstrap(double[] b, List<String> bk, double[] a, List<String> ak) {
        Map<String, List<Double>> bs = group(b, bk);
        Map<String, List<Double>> as = group(a, ak);
        List<List<Double>> bl = new ArrayList<>(bs.values());
        List<List<Double>> al = new ArrayList<>(as.values());
        Random rnd = new Random(20261205);
        double[][] v = new double[3][REPLICATES];
        for (int r = 0; r < REPLICATES; r++) {
            PadMetrics pm = new PadMetrics(draw(bl, rnd), draw(al, rnd));
            v[0][r] = pm.bpcer(pm.thresholdAtApcer(0.10)).value();
            v[1][r] = pm.apcer(pm.thresholdAtBpcer(0.05)).value();
            v[2][r] = pm.eer();
        }
        double[] out = new double[6];
        for (int k = 0; k < 3; k++) {
            java.util.Arrays.sort(v[k]);
            out[2 * k] = v[k][(int) (0.025 * REPLICATES)];
            out[2 * k + 1] = v[k][(int) (0.975 * REPLICATES) - 1];
        }
        return out;
    }

    private static Map<String, List<Double>> group(double[] s, List<String> keys) {
        Map<String, List<Double>> m = new HashMap<>();
        for (int i = 0; i < s.length; i++) {
            m.computeIfAbsent(keys.get(i), k -> new ArrayList<>()).add(s[i]);
        }
        return new java.util.TreeMap<>(m);
    }

    private static double[] draw(List<List<Double>> clusters, Random rnd) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            out.addAll(clusters.get(rnd.nextInt(clusters.size())));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
