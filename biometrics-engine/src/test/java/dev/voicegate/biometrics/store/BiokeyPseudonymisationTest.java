package dev.voicegate.biometrics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.internal.BiokeyPseudonyms;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.testing.time.ManualClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Biokeys are stored only as keyed pseudonyms (schema V2): a store written by the V1 code (the
 * committed fixture {@code store/v1-fixture/voiceprints.db}, see its README) is migrated in place,
 * keeps working by biokey, and afterwards no biokey appears in clear in the file or its WAL.
 */
class BiokeyPseudonymisationTest {

    /** Every biokey the fixture names (see store/v1-fixture/README.md). */
    private static final List<String> FIXTURE_BIOKEYS =
            List.of("+15550100001", "+15550100002", "+15550100003", "ACCT-7777", "CUST-000042");
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private static byte[] fixtureKey(int base) {
        byte[] k = new byte[32];
        for (int i = 0; i < 32; i++) {
            k[i] = (byte) (base + i);
        }
        return k;
    }

    private static Map<String, byte[]> fixtureKeys() {
        return new TreeMap<>(Map.of("k1", fixtureKey(1), "k2", fixtureKey(101)));
    }

    private static byte[] fixtureTemplate(long seed) {
        byte[] b = new byte[96];
        new Random(seed).nextBytes(b);
        return b;
    }

    private void copyFixture() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("store/v1-fixture/voiceprints.db")) {
            assertThat(in).as("fixture on the classpath").isNotNull();
            Files.copy(in, dir.resolve(StoreConfig.FILE_NAME));
        }
    }

    private static List<String> clearBiokeysIn(byte[] bytes) {
        return FIXTURE_BIOKEYS.stream()
                .filter(k -> StoreFixtures.contains(bytes, k.getBytes(StandardCharsets.UTF_8))
                        || StoreFixtures.contains(bytes, k.getBytes(StandardCharsets.UTF_16LE))
                        || StoreFixtures.contains(bytes, k.getBytes(StandardCharsets.UTF_16BE)))
                .toList();
    }

    /** The database file, its WAL and a rollback journal, whichever exist. */
    private byte[] allFiles() throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (String suffix : List.of("", "-wal", "-journal")) {
            Path p = dir.resolve(StoreConfig.FILE_NAME + suffix);
            if (Files.exists(p)) {
                all.write(Files.readAllBytes(p));
            }
        }
        return all.toByteArray();
    }

    @Test
    void migratesAV1StoreInPlaceAndKeepsEveryLookupWorking() throws Exception {
        copyFixture();
        assertThat(clearBiokeysIn(allFiles())).as("the V1 fixture holds biokeys in clear")
                .containsExactlyInAnyOrderElementsOf(FIXTURE_BIOKEYS);
        StoreConfig config = new StoreConfig(dir, fixtureKeys(), "k2", 20, 2);

        try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(config, new ManualClock(T))) {
            // voiceprints decrypt (templates were re-sealed with the pseudonym AAD), by biokey and by scan
            assertThat(store.get("+15550100001")).get().satisfies(v -> {
                assertThat(v.biokey()).isEqualTo("+15550100001");
                assertThat(v.template()).isEqualTo(fixtureTemplate(1));
            });
            assertThat(store.get("CUST-000042")).get()
                    .satisfies(v -> assertThat(v.template()).isEqualTo(fixtureTemplate(5)));
            List<String> scanned = new java.util.ArrayList<>();
            assertThat(store.forEachVoiceprint(v -> scanned.add(v.biokey()))).isEqualTo(new ScanResult(2, 0));
            assertThat(scanned).containsExactlyInAnyOrder("+15550100001", "CUST-000042");
            assertThat(store.idleVoiceprints(T.plusSeconds(3600), 10))
                    .containsExactly("+15550100001", "CUST-000042");
            // fingerprints, consent, opt-outs (live and preserved by a tombstone), tombstones
            assertThat(store.replayFingerprints("+15550100001")).extracting(ReplayFingerprint::fingerprint)
                    .containsExactly(fixtureTemplate(12), fixtureTemplate(11));
            assertThat(store.consent("CUST-000042")).get().extracting(ConsentRecord::method).isEqualTo("web-form");
            assertThat(store.optOutRecord("+15550100002")).get().extracting(OptOutRecord::erased).isEqualTo(false);
            assertThat(store.optOutRecord("+15550100003")).get().extracting(OptOutRecord::erased).isEqualTo(true);
            assertThatThrownBy(() -> store.recordConsent("+15550100003", new ConsentRecord(T, "web-form", "x")))
                    .isInstanceOf(OptedOutException.class);
            assertThat(store.tombstones("ACCT-7777")).singleElement()
                    .satisfies(t -> assertThat(t.erasedBy()).isEqualTo("dpo-1"));
            // blocklist source biokey, audit by biokey and by time
            assertThat(store.fraudsters("fraud-1")).extracting(FraudsterEntry::fraudsterId, FraudsterEntry::sourceBiokey)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("f-1", "+15550100001"),
                            org.assertj.core.groups.Tuple.tuple("f-2", null));
            assertThat(store.auditTrail("+15550100001", 100)).extracting(AuditEvent::action)
                    .contains(AuditAction.CONSENT, AuditAction.ENROLL, AuditAction.VERIFY);
            assertThat(store.auditEvents(T, 1000)).extracting(AuditEvent::biokey)
                    .contains("+15550100001", "CUST-000042", null);
            // export names the subject, and erasure by biokey still finds everything
            SubjectExport export = store.exportSubject("+15550100001", T.plusSeconds(20), "dpo-2");
            assertThat(export.biokey()).isEqualTo("+15550100001");
            assertThat(export.fingerprintCount()).isEqualTo(2);
            assertThat(export.blocklistEntries()).containsExactly("fraud-1/f-1");
            ErasureReport erased = store.erase("+15550100001", T.plusSeconds(30), "dpo-2");
            assertThat(erased.voiceprintRemoved()).isTrue();
            assertThat(erased.fraudsterEntriesRemoved()).isEqualTo(1);
            assertThat(store.get("+15550100001")).isEmpty();
            // and new writes work on the migrated schema
            StoreFixtures.enroll(store, "+15550100009", 9, T.plusSeconds(40));
            assertThat(store.get("+15550100009")).isPresent();
        }

        byte[] after = allFiles();
        assertThat(clearBiokeysIn(after)).as("biokeys in clear after migration").isEmpty();
        assertThat(StoreFixtures.contains(after, "+15550100009".getBytes(StandardCharsets.UTF_8))).isFalse();
        try (Connection c = StoreFixtures.raw(dir); ResultSet rs = c.createStatement()
                .executeQuery("SELECT version, description FROM schema_version ORDER BY version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo("pseudonymise_biokeys");
        }
    }

    @Test
    void aMigrationThatCannotOpenARecordLeavesTheV1StoreUntouched() throws Exception {
        copyFixture();
        byte[] before = Files.readAllBytes(dir.resolve(StoreConfig.FILE_NAME));
        Map<String, byte[]> onlyK1 = new TreeMap<>(Map.of("k1", fixtureKey(1))); // CUST-000042 is sealed under k2
        assertThatThrownBy(() -> SqliteVoiceprintStore.open(new StoreConfig(dir, onlyK1, "k1", 20, 2),
                new ManualClock(T)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema migration V2 (pseudonymise biokeys)")
                .hasMessageContaining("key id 'k2'")
                .hasMessageContaining("the store stays at V1");
        try (Connection c = StoreFixtures.raw(dir)) {
            assertThat(c.createStatement().executeQuery("SELECT MAX(version) FROM schema_version").getInt(1)).isEqualTo(1);
            assertThat(c.createStatement().executeQuery("SELECT COUNT(*) FROM voiceprint WHERE biokey = 'CUST-000042'")
                    .getInt(1)).isEqualTo(1);
        }
        // with both keys it migrates afterwards
        try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(new StoreConfig(dir, fixtureKeys(), "k1", 20, 2),
                new ManualClock(T))) {
            assertThat(store.countVoiceprints()).isEqualTo(2);
        }
        assertThat(before.length).isPositive();
    }

    @Test
    void aNewStoreHoldsNoBiokeyInClearAnywhere() throws Exception {
        String phone = "+4930123456789";
        try (SqliteVoiceprintStore store = StoreFixtures.open(dir, new ManualClock(StoreFixtures.T0))) {
            StoreFixtures.enroll(store, phone, 1, StoreFixtures.T0);
            store.addReplayFingerprint(phone, new ReplayFingerprint(new byte[] {1, 2, 3}, StoreFixtures.T0));
            store.createBlocklist("fraud", "Fraud", StoreFixtures.T0, "ops");
            store.putFraudster(new FraudsterEntry("fraud", "F-1", "e", 1, new byte[] {7}, StoreFixtures.T0, "ops", phone));
            store.audit(new AuditEvent(StoreFixtures.T0, AuditAction.VERIFY, phone, "agent-7", "verified"));
            store.optOut("CUST-1", StoreFixtures.T0, "agent-7");
            store.erase("CUST-1", StoreFixtures.T0, "dpo");
            assertThat(store.fraudsters("fraud")).singleElement().extracting(FraudsterEntry::sourceBiokey).isEqualTo(phone);
            assertThat(store.isOptedOut("CUST-1")).isTrue();
            byte[] live = StoreFixtures.fileBytes(dir); // with the WAL before any checkpoint
            assertThat(StoreFixtures.contains(live, phone.getBytes(StandardCharsets.UTF_8))).isFalse();
            assertThat(StoreFixtures.contains(live, "CUST-1".getBytes(StandardCharsets.UTF_8))).isFalse();
        }
        byte[] closed = allFiles();
        assertThat(StoreFixtures.contains(closed, phone.getBytes(StandardCharsets.UTF_8))).isFalse();
        // the column holds the keyed pseudonym
        try (Connection c = StoreFixtures.raw(dir); var ps = c.prepareStatement("SELECT COUNT(*) FROM voiceprint WHERE biokey_hash = ?")) {
            ps.setBytes(1, StoreFixtures.hash(phone));
            assertThat(ps.executeQuery().getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aDerivedPseudonymKeyIsRecordedAndItsEncryptionKeyCannotBeRetired() {
        Map<String, byte[]> k1k2 = StoreFixtures.keys("k1", "k2");
        try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(new StoreConfig(dir, k1k2, "k1", 3, 2),
                new ManualClock(StoreFixtures.T0))) {
            StoreFixtures.enroll(store, "cust-1", 1, StoreFixtures.T0);
            store.reencryptAll("k2");
            assertThat(store.keyUsage()).isEqualTo(Map.of("k1", 1L, "k2", 2L)); // k1: the pseudonym key derivation
        }
        // reopening with k2 active still derives from k1, as recorded at creation
        try (SqliteVoiceprintStore store = SqliteVoiceprintStore.open(new StoreConfig(dir, k1k2, "k2", 3, 2),
                new ManualClock(StoreFixtures.T0))) {
            assertThat(store.get("cust-1")).isPresent();
        }
        Map<String, byte[]> onlyK2 = StoreFixtures.keys("k2");
        assertThatThrownBy(() -> SqliteVoiceprintStore.open(new StoreConfig(dir, onlyK2, "k2", 3, 2),
                new ManualClock(StoreFixtures.T0)))
                .isInstanceOf(StoreException.class)
                .hasMessage("biometrics.store.keys: key id 'k1' is not configured, but this store's biokey pseudonyms"
                        + " are derived from it (expected: keep key 'k1' configured, even after re-encryption to another key)");
    }

    @Test
    void refusesToOpenWithAnotherPseudonymKey() {
        try (SqliteVoiceprintStore store = StoreFixtures.open(dir, new ManualClock(StoreFixtures.T0))) {
            StoreFixtures.enroll(store, "cust-1", 1, StoreFixtures.T0);
        }
        byte[] other = StoreFixtures.key(8);
        assertThatThrownBy(() -> SqliteVoiceprintStore.open(new StoreConfig(dir, StoreFixtures.keys("k1"), "k1", 3, 2,
                other), new ManualClock(StoreFixtures.T0)))
                .isInstanceOf(StoreException.class)
                .hasMessage("biometrics.pseudonymKey: not the key this store's biokeys were pseudonymised with"
                        + " (check value differs; expected: the original key, a configured biometrics.pseudonymKey)");
        assertThatThrownBy(() -> SqliteVoiceprintStore.open(new StoreConfig(dir, StoreFixtures.keys("k1"), "k1", 3, 2),
                new ManualClock(StoreFixtures.T0)))
                .isInstanceOf(StoreException.class)
                .hasMessage("biometrics.pseudonymKey: not configured (expected: the key this store's biokeys"
                        + " were pseudonymised with)");
        assertThat(BiokeyPseudonyms.of(StoreFixtures.PSEUDONYM_KEY).pseudonym("cust-1"))
                .hasSize(BiokeyPseudonyms.BYTES)
                .isNotEqualTo(BiokeyPseudonyms.of(other).pseudonym("cust-1"));
    }

    @Test
    void pruningTheAuditTrailForgetsSealedBiokeysNothingNamesAnyMore() throws Exception {
        try (SqliteVoiceprintStore store = StoreFixtures.open(dir, new ManualClock(StoreFixtures.T0))) {
            store.audit(new AuditEvent(StoreFixtures.T0, AuditAction.VERIFY, "caller-only-audited", "agent-7", "x"));
            StoreFixtures.enroll(store, "enrolled", 1, StoreFixtures.T0);
            assertThat(subjects()).isEqualTo(2);
            store.pruneAuditEvents(StoreFixtures.T0.plusSeconds(1), "retention");
            assertThat(subjects()).isEqualTo(1); // the enrolled person is still named by their voiceprint
            assertThat(store.idleVoiceprints(StoreFixtures.T0.plusSeconds(10), 10)).containsExactly("enrolled");
        }
    }

    private long subjects() throws Exception {
        try (Connection c = StoreFixtures.raw(dir)) {
            return c.createStatement().executeQuery("SELECT COUNT(*) FROM subject").getLong(1);
        }
    }
}
