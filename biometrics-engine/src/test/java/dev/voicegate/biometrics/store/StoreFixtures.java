package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.sqlite.SqliteVoiceprintStore;
import dev.voicegate.testing.time.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Shared test helpers: keys, configs, sample records and raw access to the SQLite file. */
final class StoreFixtures {

    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");

    private StoreFixtures() {
    }

    static byte[] key(int seed) {
        byte[] key = new byte[StoreConfig.KEY_BYTES];
        new Random(seed).nextBytes(key);
        return key;
    }

    static Map<String, byte[]> keys(String... ids) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String id : ids) {
            keys.put(id, key(id.hashCode()));
        }
        return keys;
    }

    static StoreConfig config(Path dir, String activeKeyId, String... keyIds) {
        return new StoreConfig(dir, keys(keyIds), activeKeyId, 3, 2, PSEUDONYM_KEY);
    }

    static SqliteVoiceprintStore open(Path dir, ManualClock clock) {
        return SqliteVoiceprintStore.open(config(dir, "k1", "k1"), clock);
    }

    /** Random, high-entropy template bytes (a needle that cannot occur by accident). */
    static byte[] template(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static StoredVoiceprint voiceprint(String biokey, long seed, Instant at) {
        return new StoredVoiceprint(biokey, "gmm-ivec", 3, template(seed, 768), 42.5, 2, at);
    }

    static ConsentRecord consent(Instant at) {
        return new ConsentRecord(at, "ivr-dtmf", "agent-7");
    }

    /** Consent, then enrollment. */
    static StoredVoiceprint enroll(VoiceprintStore store, String biokey, long seed, Instant at) {
        store.recordConsent(biokey, consent(at));
        StoredVoiceprint v = voiceprint(biokey, seed, at);
        store.put(v, "agent-7");
        return v;
    }

    /** The pseudonymisation key of {@link #config} stores. */
    static final byte[] PSEUDONYM_KEY = key(7);

    /** The pseudonym a {@link #config} store writes for {@code biokey} (its {@code biokey_hash} column). */
    static byte[] hash(String biokey) {
        return dev.voicegate.biometrics.store.internal.BiokeyPseudonyms.of(PSEUDONYM_KEY).pseudonym(biokey);
    }

    /** A raw connection to the store's file, bypassing the store (to inspect or tamper). */
    static Connection raw(Path dir) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StoreConfig.FILE_NAME).toAbsolutePath());
    }

    /** The bytes of the database file and its WAL (if any), concatenated. */
    static byte[] fileBytes(Path dir) throws IOException {
        byte[] main = Files.readAllBytes(dir.resolve(StoreConfig.FILE_NAME));
        Path wal = dir.resolve(StoreConfig.FILE_NAME + "-wal");
        byte[] walBytes = Files.exists(wal) ? Files.readAllBytes(wal) : new byte[0];
        byte[] all = new byte[main.length + walBytes.length];
        System.arraycopy(main, 0, all, 0, main.length);
        System.arraycopy(walBytes, 0, all, main.length, walBytes.length);
        return all;
    }

    /** Whether {@code needle} occurs in {@code haystack}. */
    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
