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
 * Kills a child JVM ({@link CrashingEnroller}) with SIGKILL at a random point of its enrollment loop,
 * several times over the same store, and checks after each kill that the store is consistent:
 * SQLite integrity, every record decrypts, each put and its audit event committed together, and
 * every enrollment the child reported as done survived.
 */
class StoreCrashConsistencyTest {

    private static final Logger log = LoggerFactory.getLogger(StoreCrashConsistencyTest.class);
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void killingTheProcessMidEnrollmentLeavesAConsistentStore() throws Exception {
        long seed = System.nanoTime();
        log.info("crash test seed={}", seed);
        Random random = new Random(seed);
        long reportedTotal = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 5 + random.nextInt(40);
            reportedTotal += runChildAndKill(killAfter, round);
            checkConsistency(reportedTotal, seed);
        }
    }

    /** Starts the child, waits for {@code killAfter} reported enrollments, kills it; returns the last one seen. */
    private long runChildAndKill(int killAfter, int round) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                CrashingEnroller.class.getName(), dir.toString());
        pb.redirectError(dir.resolve("child-" + round + ".err").toFile());
        Process child = pb.start();
        long last = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("enrolled ")) {
                    last = Long.parseLong(line.substring("enrolled ".length()).trim());
                    if (last >= killAfter) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
        }
        assertThat(last).as("child progress before kill (see %s)", dir.resolve("child-" + round + ".err"))
                .isGreaterThanOrEqualTo(killAfter);
        return last;
    }

    private void checkConsistency(long reportedTotal, long seed) throws Exception {
        try (Connection c = StoreFixtures.raw(dir); ResultSet rs = c.createStatement()
                .executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).as("integrity_check, seed=%d", seed).isEqualTo("ok");
        }
        try (SqliteVoiceprintStore store = StoreFixtures.open(dir, new ManualClock(StoreFixtures.T0))) {
            List<StoredVoiceprint> all = new ArrayList<>();
            assertThat(store.forEachVoiceprint(all::add).unreadable()).as("seed=%d", seed).isZero();
            assertThat(all).hasSizeLessThanOrEqualTo(CrashingEnroller.BIOKEYS);
            long calls = 0;
            for (StoredVoiceprint v : all) {
                assertThat(v.netSpeechSeconds()).isEqualTo(v.enrolledCalls() * CrashingEnroller.SECONDS_PER_CALL);
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
