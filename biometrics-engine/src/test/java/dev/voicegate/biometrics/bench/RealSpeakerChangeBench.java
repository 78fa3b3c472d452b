package dev.voicegate.biometrics.bench;

import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.engine.DefaultVoiceprintEngine;
import dev.voicegate.biometrics.engine.SpeakerChangeTracker;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.internal.eval.ClipFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The speaker-change threshold of the default engine (the x-vector) on the real-speech corpus
 * ({@code biometrics-engine/corpus/real/make-real-corpus.sh}), by the method of {@link SpeakerChangeBench}
 * (docs/engine.md §8): a "call" is two recordings back to back, of one speaker (a flag is a false alarm) or of speaker
 * A then speaker B of another actor group (a flag is a detection); the real {@link SpeakerChangeTracker} scores every
 * window and a call is flagged at threshold t when two consecutive windows score below t.
 *
 * <ul>
 *   <li><b>train</b> (for choosing): per speaker, its units ({@code train/list.tsv}, 3–10 s) in order are joined into
 *   parts of ≥ 8 s; same = part 1 + part 2 of A, change = part 1 of A + part 1 of B (B of another group).</li>
 *   <li><b>eval</b> (figures only): same = A's test t + test t+1, change = A's test t + B's test t+1 (t = 0, 2, … < 16),
 *   as §8 does on the synthetic corpus.</li>
 * </ul>
 * Conditions µ-law and telephone-degraded (what AudioHook delivers, clean and degraded). Not a unit test; run with
 * {@code mvn -B -q -pl biometrics-engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.voicegate.biometrics.bench.RealSpeakerChangeBench -Dexec.args="CORPUS [train|eval|both]"}.
 */
public final class RealSpeakerChangeBench {

    private static final double[] THRESHOLDS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2,
        0.3, 0.4, 0.5};
    private static final int TESTS = 16;
    private static final double PART_SECONDS = 8.0;

    private RealSpeakerChangeBench() {
    }

    /** One call: its two parts and whether they are one speaker. */
    private record Call(boolean same, String a, String b, List<Path> first, List<Path> second) {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "biometrics-engine/target/real-corpus");
        String which = args.length > 1 ? args[1] : "both";
        Map<String, String> group = new TreeMap<>();
        for (String line : Files.readAllLines(corpus.resolve("speakers.tsv")).subList(1, Files.readAllLines(corpus.resolve("speakers.tsv")).size())) {
            String[] f = line.split("\t");
            group.put(f[0], f[1]);
        }
        VoiceprintExtractor x = DefaultVoiceprintEngine.defaultExtractor();
        System.out.printf("extractor %s v%d%n", x.engineId(), x.engineVersion());
        for (String cond : new String[] {"mulaw", "telephone"}) {
            if (!which.equals("eval")) {
                report("train", cond, trainCalls(corpus, cond, group), x);
            }
            if (!which.equals("train")) {
                report("eval", cond, evalCalls(corpus, cond, group), x);
            }
        }
    }

    private static void report(String split, String cond, List<Call> calls, VoiceprintExtractor x) {
        long t0 = System.nanoTime();
        double[][] r = calls.parallelStream().map(c -> new double[] {c.same ? 1 : 0,
            SpeakerChangeBench.lowestPair(x, SpeakerChangeBench.concat(read(c.first), read(c.second)))}).toArray(double[][]::new);
        List<Double> same = new ArrayList<>();
        List<Double> changed = new ArrayList<>();
        double audio = 0;
        for (double[] v : r) {
            (v[0] == 1 ? same : changed).add(v[1]);
        }
        System.out.printf("%s %s: %d same-speaker calls, %d calls with a change (%.0f s)%n", split, cond, same.size(),
                changed.size(), (System.nanoTime() - t0) / 1e9);
        for (double th : THRESHOLDS) {
            System.out.printf("  threshold %.3f: false alarms %5.1f %% (%d), changes detected %5.1f %%%n", th,
                    100.0 * same.stream().filter(m -> m < th).count() / same.size(), same.stream().filter(m -> m < th).count(),
                    100.0 * changed.stream().filter(m -> m < th).count() / changed.size());
        }
        double[] s = same.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("  lowest same-speaker pair scores: %s%n",
                Arrays.toString(Arrays.copyOf(s, Math.min(5, s.length))));
    }

    private static List<Call> evalCalls(Path corpus, String cond, Map<String, String> group) throws IOException {
        String suffix = cond.equals("mulaw") ? "-mulaw" : "-tel";
        Map<String, List<Path>> tests = new LinkedHashMap<>();
        for (String s : group.keySet()) {
            Path dir = corpus.resolve("eval").resolve(s);
            List<Path> t = new ArrayList<>();
            for (int i = 0; i < TESTS && Files.isRegularFile(dir.resolve(String.format("test%02d%s.wav", i, suffix))); i++) {
                t.add(dir.resolve(String.format("test%02d%s.wav", i, suffix)));
            }
            if (t.size() >= 2) {
                tests.put(s, t);
            }
        }
        List<String> speakers = new ArrayList<>(tests.keySet());
        List<Call> calls = new ArrayList<>();
        for (int a = 0; a < speakers.size(); a++) {
            List<Path> ta = tests.get(speakers.get(a));
            for (int t = 0; t + 1 < ta.size(); t += 2) {
                calls.add(new Call(true, speakers.get(a), speakers.get(a), List.of(ta.get(t)), List.of(ta.get(t + 1))));
                String b = other(speakers, a, t / 2, group, s -> tests.get(s).size() > 1);
                if (b != null) {
                    calls.add(new Call(false, speakers.get(a), b, List.of(ta.get(t)), List.of(tests.get(b).get(1))));
                }
            }
        }
        return calls;
    }

    private static List<Call> trainCalls(Path corpus, String cond, Map<String, String> group) throws IOException {
        Map<String, List<Path>> units = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corpus.resolve("train/list.tsv")).subList(1,
                Files.readAllLines(corpus.resolve("train/list.tsv")).size())) {
            String[] f = line.split("\t");
            if (f[2].equals(cond)) {
                units.computeIfAbsent(f[0], k -> new ArrayList<>()).add(corpus.resolve("train").resolve(f[1]));
            }
        }
        Map<String, List<List<Path>>> parts = new TreeMap<>();
        for (Map.Entry<String, List<Path>> e : units.entrySet()) {
            List<List<Path>> ps = new ArrayList<>();
            List<Path> cur = new ArrayList<>();
            double d = 0;
            for (Path u : e.getValue()) {
                cur.add(u);
                d += read(List.of(u)).length / 8000.0;
                if (d >= PART_SECONDS) {
                    ps.add(cur);
                    cur = new ArrayList<>();
                    d = 0;
                    if (ps.size() == 8) {
                        break;
                    }
                }
            }
            if (ps.size() >= 2) {
                parts.put(e.getKey(), ps);
            }
        }
        List<String> speakers = new ArrayList<>(parts.keySet());
        List<Call> calls = new ArrayList<>();
        for (int a = 0; a < speakers.size(); a++) {
            List<List<Path>> pa = parts.get(speakers.get(a));
            for (int t = 0; t + 1 < pa.size(); t += 2) {
                calls.add(new Call(true, speakers.get(a), speakers.get(a), pa.get(t), pa.get(t + 1)));
                String b = other(speakers, a, t / 2, group, s -> true);
                if (b != null) {
                    calls.add(new Call(false, speakers.get(a), b, pa.get(t), parts.get(b).get(1)));
                }
            }
        }
        return calls;
    }

    /** The k-th speaker after {@code a} (cyclically) of another actor group that {@code ok} accepts. */
    private static String other(List<String> speakers, int a, int k, Map<String, String> group,
                                java.util.function.Predicate<String> ok) {
        int seen = 0;
        for (int i = 1; i < speakers.size(); i++) {
            String b = speakers.get((a + i) % speakers.size());
            if (!group.get(b).equals(group.get(speakers.get(a))) && ok.test(b) && seen++ == k) {
                return b;
            }
        }
        return null;
    }

    private static short[] read(List<Path> files) {
        short[] out = new short[0];
        for (Path p : files) {
            out = SpeakerChangeBench.concat(out, WavReader.read(p).samples8k());
        }
        return out;
    }
}
