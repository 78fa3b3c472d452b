package dev.voicegate.biometrics.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.testing.time.ManualClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a child JVM ({@link CrashChild}) with SIGKILL at a random point of its work loop, several
 * times over the same store, and checks after each kill that the store is consistent: SQLite
 * integrity, every record decrypts, each put and its audit event committed together, and every
 * enrollment the child reported as done survived.
 */
class StoreCrashConsistencyTest {

    private static final Logger log = LoggerFactory.getLogger(StoreCrashConsistencyTest.class);
    private static final int ROUNDS = 3;
    private static final int ENTRIES = 210;

    @TempDir
    Path dir;

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    @Test
    void killingTheProcessMidEnrollmentLeavesAConsistentStore() throws Exception {
        log.info("enroll crash test seed={}", seed);
        long reportedTotal = 0;
        for (int round = 0; round < ROUNDS; round++) {
            reportedTotal += runChildAndKill("enroll", 3 + random.nextInt(20), round);
            checkIntegrity();
            checkEnrollments(reportedTotal);
        }
    }

    @Test
    void killingTheProcessMidReencryptionLeavesEveryRecordReadable() throws Exception {
        log.info("rotate crash test seed={}", seed);
        try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(CrashChild.config(dir, "k1"),
                new ManualClock(StoreFixtures.T0))) {
            for (int i = 0; i < CrashChild.BIOKEYS; i++) {
                StoreFixtures.enroll(store, "rot-" + i, i, StoreFixtures.T0);
            }
            store.createBlocklist("fraud", "Fraud", StoreFixtures.T0, "ops");
            List<FraudsterEntry> entries = new ArrayList<>();
            for (int i = 0; i < ENTRIES; i++) { // more than one batch of Reencryptor.BATCH (200)
                entries.add(new FraudsterEntry("fraud", "F-" + i, "e", 1, StoreFixtures.template(i, 64),
                        StoreFixtures.T0, "ops", null));
            }
            entries.forEach(store::putFraudster);
        }
        for (int round = 0; round < ROUNDS; round++) {
            runChildAndKill("rotate", 1 + random.nextInt(2), round);
            checkIntegrity();
            try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(CrashChild.config(dir, "k1"),
                    new ManualClock(StoreFixtures.T0))) {
                assertThat(store.keyUsage().values().stream().mapToLong(Long::longValue).sum())
                        .as("seed=%d", seed).isEqualTo(2L * CrashChild.BIOKEYS + ENTRIES); // voiceprints, sealed biokeys, entries
                assertThat(store.forEachVoiceprint(v -> { })).isEqualTo(new ScanResult(CrashChild.BIOKEYS, 0));
                List<FraudsterEntry> read = store.fraudsters("fraud");
                assertThat(read).hasSize(ENTRIES);
                for (FraudsterEntry e : read) {
                    int i = Integer.parseInt(e.fraudsterId().substring(2));
                    assertThat(e.template()).isEqualTo(StoreFixtures.template(i, 64));
                }
            }
        }
    }

    /** Starts the child, waits until it reports {@code killAfter}, kills it; returns the last progress seen. */
    private long runChildAndKill(String mode, int killAfter, int round) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), mode, dir.toString());
        Path err = dir.resolve(mode + "-" + round + ".err");
        pb.redirectError(err.toFile());
        Process child = pb.start();
        long last = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (last < killAfter && (line = out.readLine()) != null) {
                if (line.startsWith("progress ")) {
                    last = Long.parseLong(line.substring("progress ".length()).trim());
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
        }
        assertThat(last).as("child progress before the kill (stderr in %s)", err).isGreaterThanOrEqualTo(killAfter);
        return last;
    }

    private void checkIntegrity() throws Exception {
        try (Connection c = StoreFixtures.raw(dir);
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).as("integrity_check, seed=%d", seed).isEqualTo("ok");
        }
    }

    private void checkEnrollments(long reportedTotal) {
        try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(CrashChild.config(dir, "k1"),
                new ManualClock(StoreFixtures.T0))) {
            List<StoredVoiceprint> all = new ArrayList<>();
            assertThat(store.forEachVoiceprint(all::add).unreadable()).as("seed=%d", seed).isZero();
            assertThat(all).hasSizeLessThanOrEqualTo(CrashChild.BIOKEYS);
            long calls = 0;
            for (StoredVoiceprint v : all) {
                assertThat(v.netSpeechSeconds()).isEqualTo(v.enrolledCalls() * CrashChild.SECONDS_PER_CALL);
                assertThat(store.consent(v.biokey())).isPresent();
                assertThat(store.replayFingerprints(v.biokey())).hasSizeBetween(0, 3);
                calls += v.enrolledCalls();
            }
            long enrollEvents = store.auditEvents(StoreFixtures.T0.minusSeconds(1), 1_000_000).stream()
                    .filter(e -> e.action() == AuditAction.ENROLL).count();
            assertThat(calls).as("voiceprint puts vs ENROLL audit rows, seed=%d", seed).isEqualTo(enrollEvents);
            assertThat(calls).as("every reported enrollment is durable, seed=%d", seed)
                    .isGreaterThanOrEqualTo(reportedTotal);
        }
    }
}
