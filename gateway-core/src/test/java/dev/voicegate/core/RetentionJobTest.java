package dev.voicegate.core;

import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.StoredVoiceprint;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.core.config.RetentionSection;
import dev.voicegate.core.tx.TransactionLog;
import dev.voicegate.core.tx.TxDeps;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionJobTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private SqliteVoiceprintStore store;
    private TransactionLog txLog;
    private RetentionJob job;
    private final java.util.List<String> forgotten = new java.util.ArrayList<>();

    @BeforeEach
    void open() {
        store = SqliteVoiceprintStore.open(StoreConfig.of(dir, Map.of("k1", new byte[32]), "k1"), clock);
        RetentionSection policy = new RetentionSection(Duration.ofDays(30), Duration.ofDays(1095), Duration.ofDays(1095));
        txLog = new TransactionLog(dir, policy.transactions(), clock, new SimpleMeterRegistry());
        job = new RetentionJob(policy, store, txLog, clock, forgotten::add);
    }

    @AfterEach
    void close() {
        txLog.close();
        store.close();
    }

    private void enroll(String biokey) {
        store.recordConsent(biokey, new ConsentRecord(clock.instant(), "test", "tester"));
        store.put(new StoredVoiceprint(biokey, "vg-test", 1, new byte[64], 25.0, 1, clock.instant()), "tester");
    }

    @Test
    void erasesVoiceprintsIdleLongerThanTheRetentionAndKeepsRecentOnes() {
        enroll("customer:old");
        clock.advance(Duration.ofDays(1000));
        enroll("customer:recent");
        clock.advance(Duration.ofDays(100));
        job.run();
        assertThat(store.get("customer:old")).isEmpty();
        assertThat(store.tombstones("customer:old")).singleElement()
                .satisfies(t -> assertThat(t.erasedBy()).isEqualTo(RetentionJob.BY));
        assertThat(store.get("customer:recent")).isPresent();
        assertThat(forgotten).as("dropped from the engine's in-memory index too").containsExactly("customer:old");
    }

    @Test
    void deletesTransactionRecordsOlderThanTheirRetention() {
        Instant start = clock.instant();
        txLog.record(new TxDeps.TxContext("conv-1", "agent-1", null),
                new TxDeps.TxOutcome("tx-1", "VERIFY", "COMPLETED", 8.0, start, start.plusSeconds(10), Map.of("BioResult", "TRUE_HIGH")));
        assertThat(txLog.count().join()).isEqualTo(1);
        clock.advance(Duration.ofDays(29));
        job.run();
        assertThat(txLog.count().join()).as("still within 30 days").isEqualTo(1);
        clock.advance(Duration.ofDays(2));
        job.run();
        assertThat(txLog.count().join()).isZero();
    }

    @Test
    void refusesAnAuditRetentionShorterThanTheVoiceprintOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RetentionSection(null, Duration.ofDays(30), Duration.ofDays(365)))
                .hasMessageStartingWith("retention.audit: 30d (expected: >= retention.voiceprints (365d)");
    }
}
