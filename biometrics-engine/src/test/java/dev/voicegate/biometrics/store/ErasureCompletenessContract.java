package dev.voicegate.biometrics.store;

import static dev.voicegate.biometrics.store.StoreFixtures.T0;
import static dev.voicegate.biometrics.store.StoreFixtures.enroll;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import dev.voicegate.testing.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure removes every artefact, on every store: {@link ErasureCompletenessTest} (SQLite, plus the
 * file and WAL bytes), {@link PostgresErasureCompletenessTest}.
 */
abstract class ErasureCompletenessContract {

    static final String PERSON = "+4930123456789";
    static final String OTHER = "+4930999999999";

    @TempDir
    Path dir;

    VoiceprintStore store;
    StoreBackend backend;

    abstract StoreBackend backend(Path dataDir);

    VoiceprintStore reopen() {
        return backend.open(StoreFixtures.config(dir, "k1", "k1"), new ManualClock(T0), new CompositeMeterRegistry());
    }

    @BeforeEach
    void open() {
        backend = backend(dir);
        store = reopen();
    }

    @AfterEach
    void close() {
        store.close();
    }

    void populate() {
        enroll(store, PERSON, 1, T0);
        enroll(store, OTHER, 2, T0);
        for (int i = 0; i < 3; i++) {
            store.addReplayFingerprint(PERSON, new ReplayFingerprint(StoreFixtures.template(10 + i, 128), T0.plusSeconds(i)));
        }
        store.addReplayFingerprint(OTHER, new ReplayFingerprint(StoreFixtures.template(20, 128), T0));
        store.audit(new AuditEvent(T0, AuditAction.VERIFY, PERSON, "agent-7", "result=TRUE_HIGH"));
        store.createBlocklist("fraud", "Fraud", T0, "ops");
        store.putFraudster(new FraudsterEntry("fraud", "F-1", "gmm-ivec", 3, StoreFixtures.template(30, 768), T0,
                "ops", PERSON));
        store.putFraudster(new FraudsterEntry("fraud", "F-2", "gmm-ivec", 3, StoreFixtures.template(31, 768), T0,
                "ops", null));
    }

    @Test
    void erasureLeavesOnlyTheTombstoneNamingThePerson() throws Exception {
        populate();
        assertThat(rowsContainingText(PERSON)).as("no table holds the biokey in clear").isEmpty();
        ErasureReport report = store.erase(PERSON, T0.plusSeconds(100), "dpo-1");

        assertThat(report.voiceprintRemoved()).isTrue();
        assertThat(report.fingerprintsRemoved()).isEqualTo(3);
        assertThat(report.consentRemoved()).isTrue();
        assertThat(report.fraudsterEntriesRemoved()).isEqualTo(1);
        assertThat(report.auditEventsRemoved()).isEqualTo(3); // CONSENT, ENROLL, VERIFY
        assertThat(report.tombstone()).satisfies(t -> {
            assertThat(t.biokey()).isEqualTo(PERSON);
            assertThat(t.erasedAt()).isEqualTo(T0.plusSeconds(100));
            assertThat(t.erasedBy()).isEqualTo("dpo-1");
            assertThat(t.optedOut()).isFalse();
        });
        assertThat(rowsMentioning(PERSON)).containsExactly("tombstone");
        assertThat(rowsMentioning(OTHER)).contains("voiceprint", "consent", "replay_fingerprint", "audit_event");

        // everything else is intact and readable
        assertThat(store.get(OTHER)).isPresent();
        assertThat(store.replayFingerprints(OTHER)).hasSize(1);
        assertThat(store.fraudsters("fraud")).extracting(FraudsterEntry::fraudsterId).containsExactly("F-2");
        assertThat(store.auditEvents(T0, 100)).filteredOn(e -> e.action() == AuditAction.ERASE).singleElement()
                .satisfies(e -> {
                    assertThat(e.biokey()).isNull();
                    assertThat(e.detail()).isEqualTo("tombstone=" + report.tombstone().id() + " artefactsRemoved=9");
                });
        assertThat(store.tombstones(PERSON)).containsExactly(report.tombstone());
    }

    @Test
    void erasingAnUnknownBiokeyStillLeavesATombstone() throws Exception {
        ErasureReport report = store.erase("never-seen", T0, "dpo-1");
        assertThat(report.total()).isZero();
        assertThat(rowsMentioning("never-seen")).containsExactly("tombstone");
    }

    /**
     * Names of the tables having a row with any column containing {@code value} or equal to its
     * pseudonym, one entry per row.
     */
    List<String> rowsMentioning(String value) throws SQLException {
        List<String> hits = new ArrayList<>();
        try (Connection c = backend.raw()) {
            List<String> tables = backend.tables();
            assertThat(tables).contains("voiceprint", "consent", "opt_out", "replay_fingerprint", "fraudster",
                    "tombstone", "audit_event", "blocklist");
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            String cell = rs.getString(i);
                            byte[] bytes = rs.getBytes(i);
                            if (cell != null && cell.contains(value)
                                    || bytes != null && java.util.Arrays.equals(bytes, StoreFixtures.hash(value))) {
                                hits.add(table);
                                break;
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    /** Names of the tables having a cell whose text contains {@code value}, one entry per row. */
    List<String> rowsContainingText(String value) throws SQLException {
        List<String> hits = new ArrayList<>();
        try (Connection c = backend.raw()) {
            for (String table : backend.tables()) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            byte[] bytes = rs.getBytes(i);
                            if (bytes != null && StoreFixtures.contains(bytes, value.getBytes(StandardCharsets.UTF_8))) {
                                hits.add(table);
                                break;
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    List<byte[]> sealedBlobsOf(String biokey) throws SQLException {
        List<byte[]> blobs = new ArrayList<>();
        for (String sql : List.of("SELECT sealed FROM voiceprint WHERE biokey_hash = ?",
                "SELECT sealed FROM replay_fingerprint WHERE biokey_hash = ?",
                "SELECT sealed FROM fraudster WHERE source_biokey_hash = ?",
                "SELECT sealed FROM subject WHERE biokey_hash = ?")) {
            try (Connection c = backend.raw(); var ps = c.prepareStatement(sql)) {
                ps.setBytes(1, StoreFixtures.hash(biokey));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        blobs.add(rs.getBytes(1));
                    }
                }
            }
        }
        return blobs;
    }

    byte[] sealedBlob(String sql) throws SQLException {
        try (Connection c = backend.raw(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getBytes(1);
        }
    }

    /** 24 bytes from the middle of a sealed blob (random-looking: found only where the blob is). */
    static byte[] needle(byte[] blob) {
        byte[] n = new byte[24];
        System.arraycopy(blob, blob.length / 2 - 12, n, 0, 24);
        return n;
    }

    static int occurrences(byte[] haystack, byte[] needle) {
        int count = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = haystack[i + j] == needle[j];
            }
            if (match) {
                count++;
            }
        }
        return count;
    }
}
