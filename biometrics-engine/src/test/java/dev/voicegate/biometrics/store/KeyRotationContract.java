package dev.voicegate.biometrics.store;

import static dev.voicegate.biometrics.store.StoreFixtures.T0;
import static dev.voicegate.biometrics.store.StoreFixtures.enroll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.store.config.StoreConfig;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import dev.voicegate.testing.time.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key rotation on every store: {@link KeyRotationTest} (SQLite), {@link PostgresKeyRotationTest}. */
abstract class KeyRotationContract {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);
    private VoiceprintStore store;
    private StoreBackend backend;

    abstract StoreBackend backend(Path dataDir);

    @BeforeEach
    void createBackend() {
        backend = backend(dir);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private void reopen(String active, String... keyIds) {
        if (store != null) {
            store.close();
        }
        store = backend.open(new StoreConfig(dir, StoreFixtures.keys(keyIds), active, 500, 2,
                StoreFixtures.PSEUDONYM_KEY), clock, new CompositeMeterRegistry());
    }

    private Map<String, StoredVoiceprint> populate(int voiceprints, int fingerprints) {
        Map<String, StoredVoiceprint> enrolled = new HashMap<>();
        for (int i = 0; i < voiceprints; i++) {
            enrolled.put("cust-" + i, enroll(store, "cust-" + i, i, T0));
        }
        for (int i = 0; i < fingerprints; i++) {
            store.addReplayFingerprint("cust-0", new ReplayFingerprint(StoreFixtures.template(1000 + i, 32),
                    T0.plusMillis(i)));
        }
        store.createBlocklist("fraud", "Fraud", T0, "ops");
        store.putFraudster(new FraudsterEntry("fraud", "F-1", "e", 1, StoreFixtures.template(7, 64), T0, "ops", null));
        return enrolled;
    }

    @Test
    void movesEveryRecordToTheNewKeySoTheOldKeyCanBeRetired() {
        reopen("k1", "k1", "k2");
        Map<String, StoredVoiceprint> enrolled = populate(5, 450); // fingerprints span several batches
        assertThat(store.keyUsage()).isEqualTo(Map.of("k1", 461L));

        ReencryptionReport report = store.reencryptAll("k2");

        assertThat(report).isEqualTo(new ReencryptionReport("k2", 5, 450, 1, 5, 0));
        assertThat(store.keyUsage()).isEqualTo(Map.of("k2", 461L));
        assertThat(store.auditEvents(T0, 10_000)).extracting(AuditEvent::action).contains(AuditAction.REENCRYPT);
        store.put(StoreFixtures.voiceprint("cust-0", 99, T0.plusSeconds(1)), "agent-7");
        assertThat(store.keyUsage()).isEqualTo(Map.of("k2", 461L));

        reopen("k2", "k2"); // old key removed from config
        enrolled.put("cust-0", StoreFixtures.voiceprint("cust-0", 99, T0.plusSeconds(1)));
        enrolled.forEach((biokey, v) -> assertThat(store.get(biokey)).contains(v));
        assertThat(store.replayFingerprints("cust-0")).hasSize(450);
        assertThat(store.fraudsters("fraud")).singleElement()
                .satisfies(f -> assertThat(f.template()).isEqualTo(StoreFixtures.template(7, 64)));
    }

    @Test
    void aPartlyRotatedStoreReadsFineAndARerunFinishesIt() {
        reopen("k1", "k1");
        enroll(store, "cust-a", 1, T0);
        enroll(store, "cust-b", 2, T0);
        // as after an interrupted rotation: new key active, some records still under the old one
        reopen("k2", "k1", "k2");
        enroll(store, "cust-c", 3, T0);
        assertThat(store.keyUsage()).isEqualTo(Map.of("k1", 4L, "k2", 2L));
        assertThat(store.forEachVoiceprint(v -> { })).isEqualTo(new ScanResult(3, 0));

        assertThat(store.reencryptAll("k2")).isEqualTo(new ReencryptionReport("k2", 2, 0, 0, 2, 0));
        assertThat(store.reencryptAll("k2").total()).isZero();
        assertThat(store.keyUsage()).isEqualTo(Map.of("k2", 6L));
    }

    @Test
    void refusesAnUnconfiguredTargetKeyAndChangesNothing() {
        reopen("k1", "k1");
        enroll(store, "cust-a", 1, T0);
        assertThatThrownBy(() -> store.reencryptAll("k9")).isInstanceOf(KeyNotConfiguredException.class)
                .hasMessage("encryption key id 'k9' is not configured (configured: [k1])");
        assertThat(store.keyUsage()).isEqualTo(Map.of("k1", 2L)); // the voiceprint and the sealed biokey
    }

    @Test
    void leavesUnreadableRecordsUnderTheirOldKeyAndMovesTheRest() throws Exception {
        reopen("k1", "k1", "k2");
        enroll(store, "cust-a", 1, T0);
        enroll(store, "cust-b", 2, T0);
        try (Connection c = backend.raw();
             var ps = c.prepareStatement("UPDATE voiceprint SET sealed = ? WHERE biokey_hash = ?")) {
            ps.setBytes(1, new byte[100]);
            ps.setBytes(2, StoreFixtures.hash("cust-a"));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        ReencryptionReport report = store.reencryptAll("k2");
        assertThat(report.voiceprints()).isEqualTo(1);
        assertThat(report.unreadable()).isEqualTo(1);
        assertThat(report.subjects()).isEqualTo(2);
        assertThat(store.keyUsage()).isEqualTo(Map.of("k1", 1L, "k2", 3L));
        assertThat(store.get("cust-b")).isPresent();
        assertThat(List.of(store.forEachVoiceprint(v -> { }))).containsExactly(new ScanResult(1, 1));
    }
}
