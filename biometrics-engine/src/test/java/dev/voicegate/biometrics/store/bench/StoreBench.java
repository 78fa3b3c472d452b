package dev.voicegate.biometrics.store.bench;

import dev.voicegate.biometrics.store.StoredVoiceprint;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.internal.BiokeyPseudonyms;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures the embedded store on this machine: single enrollment latency (fsync-bound: WAL +
 * synchronous=FULL), bulk import rate, the full decrypting scan that builds a 1:N index at start-up,
 * point reads, erasure latency, and bytes on disk per voiceprint. Not a unit test; run with
 * <pre>
 * mvn -B -q -pl biometrics-engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.voicegate.biometrics.store.bench.StoreBench -Dexec.args="100000 512"
 * </pre>
 * (arguments: voiceprints, template bytes). Figures are from one run on a shared, noisy machine.
 */
public final class StoreBench {

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int templateBytes = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        boolean postgres = args.length > 2 && args[2].equals("postgres");
        Path dir = Files.createTempDirectory("voicegate-store-bench");
        byte[] key = new byte[StoreConfig.KEY_BYTES];
        new Random(1).nextBytes(key);
        byte[] pseudonymKey = new byte[StoreConfig.KEY_BYTES];
        new Random(2).nextBytes(pseudonymKey);
        StoreConfig config = new StoreConfig(dir, Map.of("bench", key), "bench", 20, 4, pseudonymKey);
        Random random = new Random(42);
        if (postgres) {
            // the same operations on PostgreSQL: a throwaway local server (src-test-fixtures PostgresServer, loopback)
            String url = dev.voicegate.testing.postgres.PostgresServer.shared().createDatabase("store_bench");
            try (var store = dev.voicegate.biometrics.store.postgres.PostgresVoiceprintStore.open(config,
                    new dev.voicegate.biometrics.store.config.PostgresStoreConfig(url,
                            dev.voicegate.testing.postgres.PostgresServer.USER, "", 4), Clock.systemUTC())) {
                consent(url, dev.voicegate.testing.postgres.PostgresServer.USER, n + 1_000, BiokeyPseudonyms.of(config.pseudonymKey()));
                measure(store, n, templateBytes, random);
            }
            return;
        }
        try {
            try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(config, Clock.systemUTC())) {
                consent("jdbc:sqlite:" + config.databaseFile(), null, n + 1_000, BiokeyPseudonyms.of(config.pseudonymKey()));
                measure(store, n, templateBytes, random);
            }
            // measured after close: the store checkpoints its WAL into the file when it closes
            long bytes = Files.size(config.databaseFile());
            System.out.printf("file: %d bytes for %d voiceprints = %d bytes per voiceprint (template %d bytes,"
                    + " sealed %d, plus its sealed biokey, consent and audit rows)%n", bytes, n + 300, bytes / (n + 300), templateBytes, templateBytes + 28);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(StoreBench::deleteQuietly);
            }
        }
    }

    private static void measure(dev.voicegate.biometrics.store.VoiceprintStore store, int n, int templateBytes, Random random)
            throws Exception {
        {
            report("put (single, committed+fsynced)", time(300, i -> store.put(vp("bench-" + (n + i), templateBytes, random), "bench")));
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += 1_000) {
                List<StoredVoiceprint> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 1_000); i++) {
                    batch.add(vp("bench-" + i, templateBytes, random));
                }
                store.putAll(batch, "bench");
            }
            double importSec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("putAll import: %d voiceprints in %.2f s = %.0f /s%n", n, importSec, n / importSec);
            long t1 = System.nanoTime();
            long[] seen = {0};
            store.forEachVoiceprint(v -> seen[0] += v.template().length);
            double scanMs = (System.nanoTime() - t1) / 1e6;
            System.out.printf("forEachVoiceprint (decrypting scan): %d in %.0f ms = %.1f us/record%n",
                    store.countVoiceprints(), scanMs, scanMs * 1000 / store.countVoiceprints());
            report("get (point read + decrypt)", time(2_000, i -> store.get("bench-" + random.nextInt(n))));
            report("erase (one transaction + WAL checkpoint)", time(50, i -> store.erase("bench-" + i, Instant.now(), "bench")));
        }
    }

    @FunctionalInterface
    private interface Op {
        void run(int i) throws Exception;
    }

    private static long[] time(int count, Op op) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            op.run(i);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("%s: n=%d p50=%.3f ms p99=%.3f ms max=%.3f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static StoredVoiceprint vp(String biokey, int templateBytes, Random random) {
        byte[] template = new byte[templateBytes];
        random.nextBytes(template);
        return new StoredVoiceprint(biokey, "bench-engine", 1, template, 30.0, 1, Instant.now());
    }

    /**
     * Consent rows for bench-0 .. bench-(count-1), written raw under the biokeys' pseudonyms in one
     * transaction (setup, not measured; the sealed biokey copies are written by the measured puts).
     */
    private static void consent(String jdbcUrl, String user, int count, BiokeyPseudonyms pseudonyms) throws SQLException {
        try (Connection c = user == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl, user, "")) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent (biokey_hash, at, method, recorded_by)"
                    + " VALUES (?, 0, 'bench', 'bench')")) {
                for (int i = 0; i < count; i++) {
                    ps.setBytes(1, pseudonyms.pseudonym("bench-" + i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            System.err.println("could not delete " + p + ": " + e.getMessage());
        }
    }
}
