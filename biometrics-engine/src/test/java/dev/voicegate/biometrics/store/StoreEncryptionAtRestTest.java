package dev.voicegate.biometrics.store;

import static dev.voicegate.biometrics.store.StoreFixtures.T0;
import static dev.voicegate.biometrics.store.StoreFixtures.enroll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.testing.time.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreEncryptionAtRestTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);
    private SqliteVoiceprintStore store;

    @BeforeEach
    void open() {
        store = StoreFixtures.open(dir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void bytesOnDiskNeverContainTheTemplateOrFingerprint() throws Exception {
        StoredVoiceprint v = enroll(store, "cust-1", 11, T0);
        byte[] fingerprint = StoreFixtures.template(12, 256);
        store.addReplayFingerprint("cust-1", new ReplayFingerprint(fingerprint, T0));
        store.createBlocklist("fraud", "Fraud", T0, "ops");
        byte[] fraudTemplate = StoreFixtures.template(13, 768);
        store.putFraudster(new FraudsterEntry("fraud", "F-1", "gmm-ivec", 3, fraudTemplate, T0, "ops", null));

        byte[] live = StoreFixtures.fileBytes(dir);
        store.close();
        byte[] closed = StoreFixtures.fileBytes(dir);
        for (byte[] disk : List.of(live, closed)) {
            // 16-byte windows: any surviving run of plaintext would show up
            assertThat(StoreFixtures.contains(disk, slice(v.template(), 100, 16))).isFalse();
            assertThat(StoreFixtures.contains(disk, slice(fingerprint, 100, 16))).isFalse();
            assertThat(StoreFixtures.contains(disk, slice(fraudTemplate, 100, 16))).isFalse();
        }
        // the needle search itself works: the sealed blob as stored is found in the file
        assertThat(StoreFixtures.contains(closed, slice(sealed("voiceprint", "biokey_hash", StoreFixtures.hash("cust-1")), 40, 16))).isTrue();
        store = StoreFixtures.open(dir, clock);
        assertThat(store.get("cust-1")).contains(v);
    }

    @Test
    void detectsATamperedTemplate() throws Exception {
        enroll(store, "cust-1", 1, T0);
        byte[] blob = sealed("voiceprint", "biokey_hash", StoreFixtures.hash("cust-1"));
        blob[blob.length - 1] ^= 0x40;
        rawUpdate("UPDATE voiceprint SET sealed = ? WHERE biokey_hash = ?", blob, StoreFixtures.hash("cust-1"));
        assertThatThrownBy(() -> store.get("cust-1")).isInstanceOf(RecordIntegrityException.class)
                .hasMessageMatching("voiceprint#\\d+: authentication failed .*");
    }

    @Test
    void detectsSwappedRowsAndStillDeliversTheIntactOnes() throws Exception {
        enroll(store, "cust-1", 1, T0);
        enroll(store, "cust-2", 2, T0);
        enroll(store, "cust-3", 3, T0);
        byte[] one = sealed("voiceprint", "biokey_hash", StoreFixtures.hash("cust-1"));
        byte[] two = sealed("voiceprint", "biokey_hash", StoreFixtures.hash("cust-2"));
        rawUpdate("UPDATE voiceprint SET sealed = ? WHERE biokey_hash = ?", two, StoreFixtures.hash("cust-1"));
        rawUpdate("UPDATE voiceprint SET sealed = ? WHERE biokey_hash = ?", one, StoreFixtures.hash("cust-2"));
        assertThatThrownBy(() -> store.get("cust-1")).isInstanceOf(RecordIntegrityException.class);
        assertThatThrownBy(() -> store.get("cust-2")).isInstanceOf(RecordIntegrityException.class);
        List<String> delivered = new ArrayList<>();
        assertThat(store.forEachVoiceprint(v -> delivered.add(v.biokey()))).isEqualTo(new ScanResult(1, 2));
        assertThat(delivered).containsExactly("cust-3");
    }

    @Test
    void detectsAnEngineVersionChangedBehindTheStoresBack() throws Exception {
        enroll(store, "cust-1", 1, T0);
        rawUpdate("UPDATE voiceprint SET engine_version = 4 WHERE biokey_hash = ?", StoreFixtures.hash("cust-1"));
        assertThatThrownBy(() -> store.get("cust-1")).isInstanceOf(RecordIntegrityException.class);
    }

    @Test
    void detectsFingerprintsAndFraudsterEntriesMovedBetweenRecords() throws Exception {
        store.addReplayFingerprint("cust-1", new ReplayFingerprint(new byte[] {1, 2, 3}, T0));
        store.addReplayFingerprint("cust-2", new ReplayFingerprint(new byte[] {4, 5, 6}, T0));
        rawUpdate("UPDATE replay_fingerprint SET biokey_hash = ? WHERE biokey_hash = ?", StoreFixtures.hash("cust-2"),
                StoreFixtures.hash("cust-1"));
        assertThatThrownBy(() -> store.replayFingerprints("cust-2")).isInstanceOf(RecordIntegrityException.class);

        store.createBlocklist("fraud", "Fraud", T0, "ops");
        store.putFraudster(new FraudsterEntry("fraud", "F-1", "e", 1, new byte[] {7}, T0, "ops", null));
        rawUpdate("UPDATE fraudster SET fraudster_id = 'F-2' WHERE fraudster_id = ?", "F-1");
        assertThatThrownBy(() -> store.fraudsters("fraud")).isInstanceOf(RecordIntegrityException.class);
    }

    @Test
    void namesAnUnconfiguredKeyIdWhenReading() throws Exception {
        enroll(store, "cust-1", 1, T0);
        store.close();
        store = SqliteVoiceprintStore.open(StoreFixtures.config(dir, "k2", "k2"), clock);
        assertThatThrownBy(() -> store.get("cust-1")).isInstanceOf(KeyNotConfiguredException.class)
                .hasMessageMatching("voiceprint#\\d+: encrypted with key id 'k1', which is not configured"
                        + " \\(configured: \\[k2\\]\\)");
        assertThat(store.forEachVoiceprint(v -> { })).isEqualTo(new ScanResult(0, 1));
    }

    @Test
    void keepsTheDatabaseFileInWalMode() throws Exception {
        try (Connection c = StoreFixtures.raw(dir); ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    private byte[] sealed(String table, String keyColumn, Object key) throws SQLException {
        try (Connection c = StoreFixtures.raw(dir);
             PreparedStatement ps = c.prepareStatement("SELECT sealed FROM " + table + " WHERE " + keyColumn + " = ?")) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private void rawUpdate(String sql, Object... args) throws SQLException {
        try (Connection c = StoreFixtures.raw(dir); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }
}
