package dev.voicegate.biometrics.bench;

import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.engine.DefaultVoiceprintEngine;
import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.engine.SpeakerChangeTracker;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.internal.eval.ClipFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the speaker-change threshold behaves on the evaluation corpus (like every other threshold, it
 * is read off evaluation trials). A "call" is two test recordings played back to back: of the same
 * speaker (no change: a flag is a false alarm) or of speaker A then speaker B (a change: a flag is a
 * detection). The real {@link SpeakerChangeTracker} scores its windows; a call is flagged at
 * threshold t when two consecutive windows score below t, as in the engine. Not a unit test; run with
 * {@code mvn -pl biometrics-engine test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.voicegate.biometrics.bench.SpeakerChangeBench -Dexec.args="biometrics-engine/target/corpus"}.
 */
public final class SpeakerChangeBench {

    private static final double[] THRESHOLDS = {0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5};
    private static final int TESTS = 16;

    private SpeakerChangeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "biometrics-engine/target/corpus");
        VoiceprintExtractor x = DefaultVoiceprintEngine.defaultExtractor();
        List<String> speakers;
        try (var s = Files.list(corpus.resolve("eval"))) {
            speakers = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        for (String cond : new String[] {"mulaw", "tel"}) {
            List<Double> same = new ArrayList<>();
            List<Double> changed = new ArrayList<>();
            List<int[]> calls = new ArrayList<>();
            for (int a = 0; a < speakers.size(); a++) {
                for (int t = 0; t + 1 < TESTS; t += 2) {
                    calls.add(new int[] {a, t, a, t + 1});
                    calls.add(new int[] {a, t, (a + 1 + t / 2) % speakers.size(), t + 1});
                }
            }
            calls.parallelStream().map(c -> new double[] {c[0] == c[2] ? 1 : 0,
                    lowestPair(x, concat(read(corpus, speakers.get(c[0]), c[1], cond), read(corpus, speakers.get(c[2]), c[3], cond)))})
                    .sequential().forEach(r -> (r[0] == 1 ? same : changed).add(r[1]));
            System.out.printf("%s: %d same-speaker calls, %d calls with a change (two ~8-12 s recordings each)%n",
                    cond, same.size(), changed.size());
            for (double th : THRESHOLDS) {
                System.out.printf("  threshold %.3f: false alarms %5.1f %%, changes detected %5.1f %%%n", th,
                        100.0 * same.stream().filter(m -> m < th).count() / same.size(),
                        100.0 * changed.stream().filter(m -> m < th).count() / changed.size());
            }
        }
    }

    private static short[] read(Path corpus, String speaker, int test, String cond) {
        return WavReader.read(corpus.resolve("eval").resolve(speaker).resolve("test" + test + "-" + cond + ".wav")).samples8k();
    }

    static short[] concat(short[] a, short[] b) {
        short[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The lowest value the higher of two consecutive window scores reaches: a call is flagged at threshold t when
     * two consecutive windows score below t, i.e. when this value is below t. Also used by {@link RealSpeakerChangeBench}.
     */
    static double lowestPair(VoiceprintExtractor x, short[] pcm) {
        SpeakerChangeTracker tracker = new SpeakerChangeTracker(x, -1); // never latches: every window is scored
        List<Double> scores = new ArrayList<>();
        double[] last = {Double.NaN};
        FrameAccumulator total = x.newAccumulator();
        ClipFeatures.forEachFrame(x, pcm, ClipFeatures.of(pcm), (f, i) -> {
            total.accept(f);
            tracker.frameAdded(i, total);
            double s = tracker.lastScore();
            if (!Double.isNaN(s) && Double.compare(s, last[0]) != 0) {
                scores.add(s);
                last[0] = s;
            }
        });
        double lowest = Double.POSITIVE_INFINITY;
        for (int k = 0; k + 1 < scores.size(); k++) {
            lowest = Math.min(lowest, Math.max(scores.get(k), scores.get(k + 1)));
        }
        return lowest;
    }
}
