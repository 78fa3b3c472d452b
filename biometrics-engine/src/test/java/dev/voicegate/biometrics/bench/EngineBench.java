package dev.voicegate.biometrics.bench;

import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.Voiceprint;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.FrontEndConfig;
import dev.voicegate.biometrics.engine.IdentifyIndex;
import dev.voicegate.biometrics.frontend.FrontEnd;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.internal.model.GmmSupervectorExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * Engine benchmarks (not a unit test): feature + template extraction real-time factor on one
 * thread, 1:1 scoring cost, 1:N identify latency over N random templates on a 2-thread pool, and
 * template sizes. Run with
 * <pre>
 * mvn -B -q -pl biometrics-engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.voicegate.biometrics.bench.EngineBench -Dexec.args="100000"
 * </pre>
 * (arguments: templates in the identify index, default 100000; then {@code xvec} for the x-vector's
 * scoring, identify and sizes). Figures are from one run on a shared, noisy machine.
 */
public final class EngineBench {

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        if (args.length > 1 && args[1].equals("xvec")) {
            // the x-vector's extraction cost is measured by XvectorEngineBench (and XvectorBench)
            VoiceprintExtractor x = dev.voicegate.biometrics.xvector.XvectorExtractor.loadDefault();
            scoring(x);
            identify(x, n);
            sizes(x);
            return;
        }
        GmmSupervectorExtractor x = GmmSupervectorExtractor.loadDefault();
        realTimeFactor(x);
        scoring(x);
        identify(x, n);
        sizes(x);
    }

    private static List<short[]> corpus() throws Exception {
        Path dir = Path.of(EngineBench.class.getResource("/corpus-mini").toURI());
        List<short[]> clips = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
                clips.add(WavReader.read(p).samples8k());
            }
        }
        return clips;
    }

    private static void realTimeFactor(GmmSupervectorExtractor x) throws Exception {
        List<short[]> clips = corpus();
        double audioSeconds = clips.stream().mapToDouble(c -> c.length / 8000.0).sum();
        double[] rtf = new double[7];
        for (int rep = 0; rep < rtf.length + 3; rep++) {
            long t0 = System.nanoTime();
            for (short[] clip : clips) {
                FrameAccumulator acc = x.newAccumulator();
                FrontEnd fe = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> acc.accept(f));
                for (int at = 0; at < clip.length; at += 160) {
                    fe.accept(Arrays.copyOfRange(clip, at, Math.min(clip.length, at + 160)), null);
                }
                fe.flush();
                new Voiceprint(x.engineId(), x.engineVersion(), 1, acc.embedding()).toBytes();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (rep >= 3) {
                rtf[rep - 3] = secs / audioSeconds;
            }
        }
        Arrays.sort(rtf);
        System.out.printf("extraction: %.1f s of audio (20 ms chunks), RTF median %.5f (%.0fx real time), min %.5f, max %.5f%n",
                audioSeconds, rtf[3], 1 / rtf[3], rtf[0], rtf[6]);
    }

    private static float[] randomUnit(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return dev.voicegate.biometrics.internal.model.Projection.lengthNormalize(v);
    }

    private static void scoring(VoiceprintExtractor x) {
        Random r = new Random(1);
        float[][] a = new float[1000][];
        for (int i = 0; i < a.length; i++) {
            a[i] = randomUnit(r, x.dimension());
        }
        double sink = 0;
        int pairs = 2_000_000;
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                sink += x.calibrate(x.rawScore(a[i % 1000], a[(i * 7 + 3) % 1000]));
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("1:1 scoring (cosine + calibration, %d dims): %.1f ns per comparison (best of 5; checksum %.1f)%n",
                x.dimension(), best / (double) pairs, sink);
    }

    private static void identify(VoiceprintExtractor x, int n) {
        Random r = new Random(2);
        IdentifyIndex index = new IdentifyIndex(x.dimension(), n);
        for (int i = 0; i < n; i++) {
            index.put("biokey-" + i, randomUnit(r, x.dimension()));
        }
        for (int threads : new int[] {2, 1}) {
            identifyWith(index, x, n, threads, r);
        }
    }

    private static void identifyWith(IdentifyIndex index, VoiceprintExtractor x, int n, int threads, Random r) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        int queries = 600;
        long[] lat = new long[queries];
        for (int q = -100; q < queries; q++) {
            float[] query = randomUnit(r, x.dimension());
            long t0 = System.nanoTime();
            index.search(query, 6, pool);
            if (q >= 0) {
                lat[q] = System.nanoTime() - t0;
            }
        }
        pool.shutdown();
        Arrays.sort(lat);
        System.out.printf("identify over %,d templates (%d dims, %d thread(s)): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                n, x.dimension(), threads, lat[queries / 2] / 1e6, lat[(int) (queries * 0.99)] / 1e6, lat[queries - 1] / 1e6);
    }

    private static void sizes(VoiceprintExtractor x) {
        byte[] t = new Voiceprint(x.engineId(), x.engineVersion(), 1, randomUnit(new Random(3), x.dimension())).toBytes();
        System.out.printf("template: %d bytes serialised (before the store's encryption); in the identify index %d bytes"
                + " of vector per voiceprint (float32) plus its biokey%n", t.length, x.dimension() * 4);
    }
}
