package dev.voicegate.biometrics.internal.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How sure an EER is: a bootstrap over enrolled speakers. Trials are grouped by their enrollment
 * file (one cluster per enrolled voice, since the trials of one voice are not independent); each
 * replicate draws as many clusters as there are, with replacement, takes all their trials, and
 * recomputes the engine's EER, the baseline's EER and their ratio. The 2.5th and 97.5th
 * percentiles of the replicates are the 95 % interval. Deterministic for a seed. It ignores the
 * dependence between trials sharing a test speaker, so the intervals are if anything too narrow.
 */
public final class Bootstrap {

    /** A 95 % percentile interval. */
    public record Interval(double low, double high) {
        public boolean contains(double v) {
            return v >= low && v <= high;
        }
    }

    /** Intervals of the engine EER, the baseline EER and the EER ratio engine/baseline. */
    public record Result(Interval engineEer, Interval baselineEer, Interval ratio, int clusters, int replicates) {
    }

    private Bootstrap() {
    }

    /**
     * @param trials   the trials, in the order of the score arrays
     * @param engine   engine score of every trial
     * @param baseline baseline score of every trial
     */
    public static Result run(List<Trials.Trial> trials, double[] engine, double[] baseline, int replicates, long seed) {
        if (trials.size() != engine.length || trials.size() != baseline.length) {
            throw new IllegalArgumentException("bootstrap: " + trials.size() + " trials, " + engine.length + " engine and "
                    + baseline.length + " baseline scores (expected: one of each per trial)");
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("bootstrap: " + replicates + " replicates (expected: at least 1)");
        }
        Map<Path, List<Integer>> byEnroll = new LinkedHashMap<>();
        for (int i = 0; i < trials.size(); i++) {
            byEnroll.computeIfAbsent(trials.get(i).enroll(), k -> new ArrayList<>()).add(i);
        }
        List<int[]> clusters = byEnroll.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] eng = new double[replicates];
        double[] base = new double[replicates];
        double[] ratio = new double[replicates];
        int n = 0;
        for (int r = 0; r < replicates; r++) {
            List<int[]> draw = new ArrayList<>();
            for (int c = 0; c < clusters.size(); c++) {
                draw.add(clusters.get(rnd.nextInt(clusters.size())));
            }
            double[][] e = split(draw, trials, engine);
            double[][] b = split(draw, trials, baseline);
            if (e[0].length == 0 || e[1].length == 0) {
                continue; // a draw without targets or without non-targets says nothing about an EER
            }
            eng[n] = new DetMetrics(e[0], e[1]).eer();
            base[n] = new DetMetrics(b[0], b[1]).eer();
            ratio[n] = base[n] == 0 ? Double.POSITIVE_INFINITY : eng[n] / base[n];
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("bootstrap: no replicate had both target and non-target trials");
        }
        return new Result(interval(eng, n), interval(base, n), interval(ratio, n), clusters.size(), n);
    }

    private static double[][] split(List<int[]> draw, List<Trials.Trial> trials, double[] scores) {
        int tar = 0;
        int non = 0;
        for (int[] c : draw) {
            for (int i : c) {
                if (trials.get(i).target()) {
                    tar++;
                } else {
                    non++;
                }
            }
        }
        double[] t = new double[tar];
        double[] nt = new double[non];
        tar = 0;
        non = 0;
        for (int[] c : draw) {
            for (int i : c) {
                if (trials.get(i).target()) {
                    t[tar++] = scores[i];
                } else {
                    nt[non++] = scores[i];
                }
            }
        }
        return new double[][] {t, nt};
    }

    private static Interval interval(double[] v, int n) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return new Interval(s[(int) Math.floor(0.025 * (n - 1))], s[(int) Math.ceil(0.975 * (n - 1))]);
    }
}
