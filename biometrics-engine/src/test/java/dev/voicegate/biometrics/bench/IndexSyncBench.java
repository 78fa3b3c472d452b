package dev.voicegate.biometrics.bench;

import dev.voicegate.biometrics.api.Voiceprint;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.engine.DefaultVoiceprintEngine;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.StoredVoiceprint;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.postgres.PostgresVoiceprintStore;
import dev.voicegate.testing.postgres.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * Identify staleness across instances: two stores and two engines (the x-vector, as the gateway runs it) over one
 * database on a throwaway local PostgreSQL server. Instance A writes (an enrollment with its consent in one
 * transaction, later an erasure); the clock runs from just before A's store call until instance B's identify index
 * shows the change (B polls its index size in a spin loop). Writes are paced ({@code pauseMillis} apart) so each one
 * is measured alone. Not a unit test; run with
 * <pre>
 * mvn -B -q -pl biometrics-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * cd biometrics-engine &amp;&amp; java --add-modules jdk.incubator.vector \
 *   -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.voicegate.biometrics.bench.IndexSyncBench 500 20
 * </pre>
 * (arguments: writes of each kind, pause between writes in ms). Needs Debian's {@code postgresql} package.
 */
public final class IndexSyncBench {

    private IndexSyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long pauseMillis = args.length > 1 ? Long.parseLong(args[1]) : 20;
        Path dir = Files.createTempDirectory("voicegate-index-sync-bench");
        byte[] key = new byte[StoreConfig.KEY_BYTES];
        new Random(1).nextBytes(key);
        StoreConfig config = new StoreConfig(dir, Map.of("bench", key), "bench", 5, 2);
        VoiceprintExtractor extractor = DefaultVoiceprintEngine.defaultExtractor();
        Clock clock = Clock.systemUTC();
        try (PostgresServer server = PostgresServer.start()) {
            PostgresStoreConfig pg = new PostgresStoreConfig(server.createDatabase("bench"), PostgresServer.USER, "", 4);
            try (PostgresVoiceprintStore storeA = PostgresVoiceprintStore.open(config, pg, clock);
                 PostgresVoiceprintStore storeB = PostgresVoiceprintStore.open(config, pg, clock);
                 DefaultVoiceprintEngine b = DefaultVoiceprintEngine.open(storeB, extractor, EngineConfig.DEFAULTS, clock,
                         new SimpleMeterRegistry(), n + 10)) {
                Random random = new Random(42);
                long[] enroll = new long[n];
                long[] write = new long[n];
                for (int i = 0; i < n; i++) {
                    StoredVoiceprint v = new StoredVoiceprint("bench-" + i, extractor.engineId(),
                            extractor.engineVersion(), Voiceprint.of(extractor, unit(random, extractor.dimension()), 30)
                            .toBytes(), 30, 1, clock.instant());
                    int expected = i + 1;
                    long t0 = System.nanoTime();
                    storeA.put(v, "bench", new ConsentRecord(clock.instant(), "bench", "bench"));
                    write[i] = System.nanoTime() - t0;
                    enroll[i] = until(t0, () -> b.indexedVoiceprints() == expected ? 1 : 0);
                    Thread.sleep(pauseMillis); // pacing between measured writes, not synchronisation
                }
                long[] erase = new long[n];
                for (int i = 0; i < n; i++) {
                    int expected = n - i - 1;
                    long t0 = System.nanoTime();
                    storeA.erase("bench-" + i, clock.instant(), "bench");
                    erase[i] = until(t0, () -> b.indexedVoiceprints() == expected ? 1 : 0);
                    Thread.sleep(pauseMillis);
                }
                System.out.printf("store write on A (enrollment + consent, SERIALIZABLE): %s%n", summary(write));
                System.out.printf("enrollment on A -> identify on B sees it: %s%n", summary(enroll));
                System.out.printf("erasure on A -> identify on B no longer sees it: %s%n", summary(erase));
            }
        }
    }

    /** Spins until {@code done} answers 1 (at most 10 s); returns nanoseconds since {@code t0}. */
    private static long until(long t0, IntSupplier done) {
        long deadline = t0 + 10_000_000_000L;
        while (done.getAsInt() != 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("change not visible on B within 10 s");
            }
            Thread.onSpinWait();
        }
        return System.nanoTime() - t0;
    }

    private static float[] unit(Random random, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static String summary(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", s.length,
                s[s.length / 2] / 1e6, s[(int) (s.length * 0.90)] / 1e6, s[(int) Math.min(s.length - 1, s.length * 0.99)] / 1e6,
                s[s.length - 1] / 1e6);
    }
}
