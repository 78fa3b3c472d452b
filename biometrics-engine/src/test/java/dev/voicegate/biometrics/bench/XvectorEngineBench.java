package dev.voicegate.biometrics.bench;

import dev.voicegate.biometrics.engine.DefaultVoiceprintEngine;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.config.FrontEndConfig;
import dev.voicegate.biometrics.frontend.FrontEnd;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.biometrics.xvector.XvectorFrontEnd;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Engine-level cost of an analysis (not a unit test): CPU seconds per second of audio on the feeding thread
 * (what an event loop pays per call: both front ends and the hand-off) and on the engine's workers (the x-vector
 * network, the final embedding and search), for the x-vector and the GMM extractor, plus each front end alone, and
 * net speech by the shared front end against the frames the x-vector saw. Run with
 * the commands in docs/benchmarks.md ("x-vector inside the engine").
 */
public final class XvectorEngineBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private XvectorEngineBench() {
    }

    public static void main(String[] args) throws Exception {
        List<short[]> clips = corpus();
        double audio = clips.stream().mapToDouble(c -> c.length / 8000.0).sum();
        System.out.printf("corpus-mini: %d clips, %.1f s of audio, fed in 20 ms chunks%n", clips.size(), audio);
        frontEnds(clips, audio);
        for (VoiceprintExtractor x : List.of(DefaultVoiceprintEngine.defaultExtractor(), DefaultVoiceprintEngine.gmmExtractor())) {
            engine(x, clips, audio);
        }
    }

    private static List<short[]> corpus() throws Exception {
        Path dir = Path.of(XvectorEngineBench.class.getResource("/corpus-mini").toURI());
        List<short[]> clips = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
                clips.add(WavReader.read(p).samples8k());
            }
        }
        return clips;
    }

    private static void frontEnds(List<short[]> clips, double audio) {
        double[] shared = new double[5];
        double[] xvec = new double[5];
        double netShared = 0;
        double netX = 0;
        for (int rep = 0; rep < 8; rep++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            double n = 0;
            for (short[] c : clips) {
                FrontEnd fe = new FrontEnd(FrontEndConfig.DEFAULTS, (f, i) -> { });
                for (int at = 0; at < c.length; at += 160) {
                    fe.accept(Arrays.copyOfRange(c, at, Math.min(c.length, at + 160)), null);
                }
                fe.flush();
                n += fe.quality().netSpeechSeconds();
            }
            long t1 = THREADS.getCurrentThreadCpuTime();
            double m = 0;
            for (short[] c : clips) {
                XvectorFrontEnd fe = new XvectorFrontEnd(8000, (f, i, v) -> { });
                for (int at = 0; at < c.length; at += 160) {
                    fe.accept(c, at, Math.min(160, c.length - at));
                }
                fe.finish();
                m += fe.netSpeechSeconds();
            }
            long t2 = THREADS.getCurrentThreadCpuTime();
            if (rep >= 3) {
                shared[rep - 3] = (t1 - t0) / 1e9 / audio;
                xvec[rep - 3] = (t2 - t1) / 1e9 / audio;
            }
            netShared = n;
            netX = m;
        }
        Arrays.sort(shared);
        Arrays.sort(xvec);
        System.out.printf("front ends alone (cpu s per s of audio, median of 5): shared FrontEnd %.5f, XvectorFrontEnd %.5f%n",
                shared[2], xvec[2]);
        System.out.printf("net speech: shared front end %.1f s, x-vector VAD %.1f s (ratio %.3f)%n", netShared, netX, netX / netShared);
    }

    private static void engine(VoiceprintExtractor x, List<short[]> clips, double audio) throws Exception {
        Path dir = Files.createTempDirectory("xvec-bench");
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(new StoreConfig(dir, Map.of("k1", key), "k1", 5, 2),
                Clock.systemUTC())) {
            DefaultVoiceprintEngine engine = DefaultVoiceprintEngine.open(store, x, EngineConfig.DEFAULTS, Clock.systemUTC(),
                    new SimpleMeterRegistry(), 1000);
            double[] caller = new double[5];
            double[] workers = new double[5];
            for (int rep = 0; rep < 8; rep++) {
                long w0 = workerCpu();
                long t0 = THREADS.getCurrentThreadCpuTime();
                List<java.util.concurrent.CompletableFuture<?>> done = new ArrayList<>();
                for (short[] c : clips) {
                    Analysis a = engine.newAnalysis(AnalysisRequest.identify(8000));
                    for (int at = 0; at < c.length; at += 160) {
                        a.feed(Arrays.copyOfRange(c, at, Math.min(c.length, at + 160)), null);
                        if (at % 8000 == 0) {
                            a.interim();
                        }
                    }
                    done.add(a.finish());
                }
                long t1 = THREADS.getCurrentThreadCpuTime();
                for (var d : done) {
                    d.get(60, TimeUnit.SECONDS);
                }
                long w1 = workerCpu();
                if (rep >= 3) {
                    caller[rep - 3] = (t1 - t0) / 1e9 / audio;
                    workers[rep - 3] = (w1 - w0) / 1e9 / audio;
                }
            }
            Arrays.sort(caller);
            Arrays.sort(workers);
            System.out.printf("engine %s v%d: feeding thread %.5f cpu s per s of audio, engine workers %.5f (median of 5)%n",
                    x.engineId(), x.engineVersion(), caller[2], workers[2]);
            engine.close();
        }
    }

    private static long workerCpu() {
        long sum = 0;
        for (long id : THREADS.getAllThreadIds()) {
            var info = THREADS.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith("voicegate-biometrics-")) {
                long t = THREADS.getThreadCpuTime(id);
                if (t > 0) {
                    sum += t;
                }
            }
        }
        return sum;
    }
}
