package dev.voicegate.biometrics.store;

import static dev.voicegate.biometrics.store.StoreFixtures.T0;
import static dev.voicegate.biometrics.store.StoreFixtures.enroll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's contract, proven on every implementation: each subclass names where its store lives
 * ({@link StoreBackend}); SQLite in {@link SqliteVoiceprintStoreTest}, PostgreSQL in
 * {@link PostgresVoiceprintStoreTest}.
 */
abstract class VoiceprintStoreContract {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);
    private VoiceprintStore store;
    private StoreBackend backend;

    /** Where the store of one test lives (called once per test, after {@code dir} is set). */
    abstract StoreBackend backend(Path dataDir);

    private VoiceprintStore reopen(MeterRegistry registry) {
        return backend.open(StoreFixtures.config(dir.resolve("nested/data"), "k1", "k1"), clock, registry);
    }

    @BeforeEach
    void open() {
        backend = backend(dir.resolve("nested/data"));
        store = reopen(new CompositeMeterRegistry());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void roundTripsAVoiceprintExactlyAndSurvivesReopening() {
        StoredVoiceprint v = enroll(store, "cust-1", 1, T0);
        assertThat(store.get("cust-1")).contains(v);
        store.close();
        store = reopen(new CompositeMeterRegistry());
        assertThat(store.get("cust-1")).contains(v);
        assertThat(store.get("cust-2")).isEmpty();
    }

    @Test
    void aVoiceprintIsFoundByItsPseudonymWithItsClearBiokeyUntilItIsGone() {
        StoredVoiceprint v = enroll(store, "+4915112345678", 1, T0);
        String pseudonym = store.pseudonym("+4915112345678");
        assertThat(store.voiceprintOf(pseudonym)).contains(v);
        assertThat(store.voiceprintOf(store.pseudonym("cust-unknown"))).isEmpty();
        store.erase("+4915112345678", T0, "dpo");
        assertThat(store.voiceprintOf(pseudonym)).isEmpty();
        assertThatThrownBy(() -> store.voiceprintOf("+4915112345678"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pseudonym: 14 characters (expected: 64 lower-case hex digits)");
        assertThatThrownBy(() -> store.voiceprintOf(pseudonym.toUpperCase(java.util.Locale.ROOT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pseudonym: 64 characters (expected: 64 lower-case hex digits)");
    }

    @Test
    void putReplacesTheTemplateAtomicallyAndTracksLatestEnrollment() {
        enroll(store, "cust-1", 1, T0);
        StoredVoiceprint second = new StoredVoiceprint("cust-1", "gmm-ivec", 3, StoreFixtures.template(2, 768),
                71.0, 3, T0.plus(Duration.ofDays(2)));
        store.put(second, "agent-9");
        assertThat(store.get("cust-1")).contains(second);
        assertThat(store.latestEnrollment("cust-1")).contains(T0.plus(Duration.ofDays(2)));
        assertThat(store.latestEnrollment("cust-x")).isEmpty();
        assertThat(store.countVoiceprints()).isEqualTo(1);
        assertThat(store.auditTrail("cust-1", 10)).extracting(AuditEvent::action)
                .containsExactly(AuditAction.CONSENT, AuditAction.ENROLL, AuditAction.ENROLL);
    }

    @Test
    void streamsEveryVoiceprintAndCountsThem() {
        for (int i = 0; i < 25; i++) {
            enroll(store, "cust-" + i, i, T0);
        }
        List<String> seen = new ArrayList<>();
        ScanResult result = store.forEachVoiceprint(v -> seen.add(v.biokey()));
        assertThat(result).isEqualTo(new ScanResult(25, 0));
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(store.countVoiceprints()).isEqualTo(25);
    }

    @Test
    void putIfUnchangedWritesOnlyOverTheVersionTheCallerRead() throws Exception {
        store.recordConsent("cust-1", StoreFixtures.consent(T0));
        StoredVoiceprint first = StoreFixtures.voiceprint("cust-1", 1, T0);
        assertThat(store.putIfUnchanged(first, Optional.empty(), "agent-7")).isTrue();
        assertThat(store.putIfUnchanged(StoreFixtures.voiceprint("cust-1", 9, T0), Optional.empty(), "agent-7")).isFalse();

        // two calls of the same person end at once: both read `first`, both merge, only one wins
        StoredVoiceprint a = new StoredVoiceprint("cust-1", "gmm-ivec", 3, StoreFixtures.template(2, 768), 60, 3,
                T0.plusSeconds(10));
        StoredVoiceprint b = new StoredVoiceprint("cust-1", "gmm-ivec", 3, StoreFixtures.template(3, 768), 61, 3,
                T0.plusSeconds(11));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> fa = pool.submit(() -> store.putIfUnchanged(a, Optional.of(first), "agent-1"));
            Future<Boolean> fb = pool.submit(() -> store.putIfUnchanged(b, Optional.of(first), "agent-2"));
            assertThat(List.of(fa.get(30, TimeUnit.SECONDS), fb.get(30, TimeUnit.SECONDS))).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        StoredVoiceprint winner = store.get("cust-1").orElseThrow();
        assertThat(winner).isIn(a, b);
        assertThat(store.auditTrail("cust-1", 10)).filteredOn(e -> e.action() == AuditAction.ENROLL).hasSize(2);
        assertThatThrownBy(() -> store.putIfUnchanged(StoreFixtures.voiceprint("cust-1", 4, T0),
                Optional.of(StoreFixtures.voiceprint("cust-2", 4, T0)), "agent-7"))
                .isInstanceOf(IllegalArgumentException.class);
        store.optOut("cust-1", T0.plusSeconds(20), "agent-7");
        assertThatThrownBy(() -> store.putIfUnchanged(first, Optional.empty(), "agent-7"))
                .isInstanceOf(OptedOutException.class);
    }

    @Test
    void putAllIsAllOrNothing() {
        store.recordConsent("cust-1", StoreFixtures.consent(T0));
        store.recordConsent("cust-2", StoreFixtures.consent(T0));
        List<StoredVoiceprint> ok = List.of(StoreFixtures.voiceprint("cust-1", 1, T0), StoreFixtures.voiceprint("cust-2", 2, T0));
        List<StoredVoiceprint> oneWithoutConsent = List.of(StoreFixtures.voiceprint("cust-1", 5, T0.plusSeconds(1)),
                StoreFixtures.voiceprint("cust-3", 3, T0));
        store.putAll(ok, "import");
        assertThatThrownBy(() -> store.putAll(oneWithoutConsent, "import")).isInstanceOf(ConsentRequiredException.class);
        assertThat(store.get("cust-1")).contains(ok.get(0));
        assertThat(store.countVoiceprints()).isEqualTo(2);
    }

    @Test
    void listsVoiceprintsIdleSinceACutoffForRetention() {
        enroll(store, "cust-old", 1, T0);
        enroll(store, "cust-verified", 2, T0);
        Instant later = T0.plus(Duration.ofDays(800));
        enroll(store, "cust-new", 3, later);
        store.audit(new AuditEvent(later, AuditAction.VERIFY, "cust-verified", "agent-7", "result=TRUE_HIGH"));
        assertThat(store.idleVoiceprints(T0.plus(Duration.ofDays(365)), 10)).containsExactly("cust-old");
        assertThat(store.idleVoiceprints(T0, 10)).isEmpty();
        assertThat(store.idleVoiceprints(later.plusSeconds(1), 10)).containsExactly("cust-old", "cust-verified", "cust-new");
        assertThat(store.idleVoiceprints(later.plusSeconds(1), 1)).containsExactly("cust-old");
    }

    @Test
    void deletesOnlyTheVoiceprintAndAuditsIt() {
        enroll(store, "cust-1", 1, T0);
        assertThat(store.deleteVoiceprint("cust-1", T0.plusSeconds(5), "ops-1")).isTrue();
        assertThat(store.deleteVoiceprint("cust-1", T0.plusSeconds(6), "ops-1")).isFalse();
        assertThat(store.get("cust-1")).isEmpty();
        assertThat(store.consent("cust-1")).isPresent();
        assertThat(store.auditTrail("cust-1", 10)).extracting(AuditEvent::action).endsWith(AuditAction.DELETE);
    }

    @Test
    void keepsOnlyTheNewestReplayFingerprintsPerBiokey() {
        for (int i = 0; i < 5; i++) {
            store.addReplayFingerprint("cust-1", new ReplayFingerprint(StoreFixtures.template(i, 64), T0.plusSeconds(i)));
        }
        store.addReplayFingerprint("cust-2", new ReplayFingerprint(StoreFixtures.template(99, 64), T0));
        List<ReplayFingerprint> kept = store.replayFingerprints("cust-1");
        assertThat(kept).extracting(ReplayFingerprint::at)
                .containsExactly(T0.plusSeconds(4), T0.plusSeconds(3), T0.plusSeconds(2));
        assertThat(kept.get(0).fingerprint()).isEqualTo(StoreFixtures.template(4, 64));
        assertThat(store.replayFingerprints("cust-2")).hasSize(1);
        assertThat(store.keyUsage()).containsEntry("k1", 6L); // 4 fingerprints, 2 sealed biokeys
    }

    @Test
    void managesBlocklistsAndFraudsterEntries() {
        Blocklist list = store.createBlocklist("fraud-eu", "Known fraud EU", T0, "ops-1");
        assertThat(store.blocklists()).containsExactly(list);
        FraudsterEntry entry = new FraudsterEntry("fraud-eu", "F-17", "gmm-ivec", 3, StoreFixtures.template(17, 768),
                T0, "ops-1", null);
        store.putFraudster(entry);
        assertThat(store.fraudsters("fraud-eu")).containsExactly(entry);
        assertThat(store.removeFraudster("fraud-eu", "F-17", T0, "ops-1")).isTrue();
        assertThat(store.removeFraudster("fraud-eu", "F-17", T0, "ops-1")).isFalse();
        store.putFraudster(entry);
        assertThat(store.deleteBlocklist("fraud-eu", T0, "ops-1")).isTrue();
        assertThat(store.deleteBlocklist("fraud-eu", T0, "ops-1")).isFalse();
        assertThat(store.blocklists()).isEmpty();
        assertThat(store.keyUsage()).isEmpty();
        assertThat(store.auditEvents(T0, 100)).extracting(AuditEvent::action).containsOnly(AuditAction.BLOCKLIST);
    }

    @Test
    void refusesADuplicateBlocklistAndEntriesForAMissingList() {
        store.createBlocklist("fraud-eu", "Known fraud EU", T0, "ops-1");
        assertThatThrownBy(() -> store.createBlocklist("fraud-eu", "Other", T0, "ops-1"))
                .isInstanceOf(DuplicateRecordException.class).hasMessage("blocklist 'fraud-eu' already exists");
        FraudsterEntry orphan = new FraudsterEntry("nope", "F-1", "e", 1, new byte[] {1}, T0, "ops-1", null);
        assertThatThrownBy(() -> store.putFraudster(orphan))
                .isInstanceOf(UnknownRecordException.class).hasMessage("blocklist 'nope' does not exist");
        assertThatThrownBy(() -> store.fraudsters("nope")).isInstanceOf(UnknownRecordException.class);
    }

    @Test
    void recordsCallerAuditEventsInTimeOrder() {
        store.audit(new AuditEvent(T0.plusSeconds(2), AuditAction.VERIFY, "cust-1", "agent-7", "result=TRUE_HIGH"));
        store.audit(new AuditEvent(T0.plusSeconds(1), AuditAction.IDENTIFY, null, "agent-7", "candidates=0"));
        assertThat(store.auditEvents(T0, 10)).extracting(AuditEvent::action)
                .containsExactly(AuditAction.IDENTIFY, AuditAction.VERIFY);
        assertThat(store.auditEvents(T0.plusSeconds(2), 10)).hasSize(1);
        assertThat(store.auditTrail("cust-1", 10)).singleElement()
                .isEqualTo(new AuditEvent(T0.plusSeconds(2), AuditAction.VERIFY, "cust-1", "agent-7", "result=TRUE_HIGH"));
    }

    @Test
    void prunesOldAuditEventsAndAuditsThePruning() {
        store.audit(new AuditEvent(T0, AuditAction.VERIFY, "cust-1", "agent-7", ""));
        store.audit(new AuditEvent(T0.plusSeconds(100), AuditAction.VERIFY, "cust-1", "agent-7", ""));
        clock.advance(Duration.ofSeconds(200));
        assertThat(store.pruneAuditEvents(T0.plusSeconds(50), "retention")).isEqualTo(1);
        assertThat(store.auditEvents(T0, 10)).extracting(AuditEvent::at, AuditEvent::action)
                .containsExactly(tuple(T0.plusSeconds(100), AuditAction.VERIFY),
                        tuple(T0.plusSeconds(200), AuditAction.DELETE));
    }

    @Test
    void exportsWhatIsHeldWithoutTheTemplateAndAuditsTheExport() {
        enroll(store, "cust-1", 1, T0);
        store.addReplayFingerprint("cust-1", new ReplayFingerprint(new byte[] {1, 2, 3}, T0));
        SubjectExport export = store.exportSubject("cust-1", T0.plusSeconds(9), "dpo-1");
        assertThat(export.voiceprint()).hasValueSatisfying(v -> {
            assertThat(v.templateBytes()).isEqualTo(768);
            assertThat(v.enrolledCalls()).isEqualTo(2);
        });
        assertThat(export.consent()).contains(StoreFixtures.consent(T0));
        assertThat(export.fingerprintCount()).isEqualTo(1);
        assertThat(export.optOut()).isEmpty();
        assertThat(export.auditTrail()).extracting(AuditEvent::action).endsWith(AuditAction.EXPORT);
    }

    @Test
    void rejectsBadArgumentsWithoutEchoingTheBiokey() {
        assertThatThrownBy(() -> store.get(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("biokey: 1 characters, blank (expected: 1..256 non-blank characters)");
        assertThatThrownBy(() -> store.get("4".repeat(300))).hasMessage(
                "biokey: 300 characters (expected: 1..256 non-blank characters)");
        assertThatThrownBy(() -> store.auditEvents(T0, 0)).hasMessage("limit: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new StoredVoiceprint("c", "e", 0, new byte[] {1}, 1, 1, T0))
                .hasMessage("engineVersion: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new StoredVoiceprint("c", "e", 1, new byte[0], 1, 1, T0))
                .hasMessage("template: 0 bytes (expected: 1..1048576)");
        assertThatThrownBy(() -> new StoredVoiceprint("c", "e", 1, new byte[] {1}, Double.NaN, 1, T0))
                .hasMessage("netSpeechSeconds: NaN (expected: finite >= 0)");
    }

    @Test
    void recordsNeverPrintTemplatesOrBiokeys() {
        StoredVoiceprint v = StoreFixtures.voiceprint("+4915112345678", 1, T0);
        assertThat(v.toString()).doesNotContain("+4915112345678").contains("templateBytes=768");
    }

    @Test
    void timesOperationsByOutcomeAndCountsUnreadableRecords() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        store.close();
        store = reopen(registry);
        enroll(store, "cust-1", 1, T0);
        enroll(store, "cust-2", 2, T0);
        assertThatThrownBy(() -> store.put(StoreFixtures.voiceprint("cust-3", 3, T0), "agent-7"))
                .isInstanceOf(ConsentRequiredException.class);
        try (var c = backend.raw();
             var ps = c.prepareStatement("UPDATE voiceprint SET sealed = ? WHERE biokey_hash = ?")) {
            ps.setBytes(1, new byte[64]);
            ps.setBytes(2, StoreFixtures.hash("cust-1"));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        store.forEachVoiceprint(v -> { });

        assertThat(registry.get("voicegate.biometrics.store.operations").tags("op", "put_voiceprint", "outcome", "ok")
                .timer().count()).isEqualTo(2);
        assertThat(registry.get("voicegate.biometrics.store.operations").tags("op", "put_voiceprint", "outcome", "error")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("voicegate.biometrics.store.unreadable").counter().count()).isEqualTo(1);
        assertThat(registry.get("voicegate.biometrics.store.pool.pending").tags("pool", backend.writerPool()).gauge().value())
                .isZero();
    }

    @Test
    void failsClearlyAfterClose() {
        store.close();
        assertThatThrownBy(() -> store.countVoiceprints()).isInstanceOf(StoreException.class)
                .hasMessage("count voiceprints: the voiceprint store is closed");
    }
}
