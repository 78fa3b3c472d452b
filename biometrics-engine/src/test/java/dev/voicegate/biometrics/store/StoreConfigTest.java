package dev.voicegate.biometrics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.store.config.StoreConfig;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

    private static final Path DIR = Path.of("data");

    @Test
    void acceptsValidConfigAndPlacesTheFileUnderDataDir() {
        StoreConfig config = StoreConfig.of(DIR, Map.of("k1", StoreFixtures.key(1)), "k1");
        assertThat(config.databaseFile()).isEqualTo(DIR.resolve("voiceprints.db"));
        assertThat(config.fingerprintCap()).isEqualTo(StoreConfig.DEFAULT_FINGERPRINT_CAP);
        assertThat(config.poolSize()).isEqualTo(StoreConfig.DEFAULT_POOL_SIZE);
        assertThat(config.key("k1")).isEqualTo(StoreFixtures.key(1));
        assertThat(config.key("nope")).isNull();
    }

    @Test
    void rejectsMissingDataDir() {
        assertThatThrownBy(() -> StoreConfig.of(null, Map.of("k1", StoreFixtures.key(1)), "k1"))
                .hasMessage("biometrics.dataDir: null (expected: a directory path)");
    }

    @Test
    void rejectsMissingOrEmptyKeys() {
        assertThatThrownBy(() -> StoreConfig.of(DIR, null, "k1"))
                .hasMessage("biometrics.store.keys: null (expected: at least one key id -> 32-byte AES-256 key)");
        assertThatThrownBy(() -> StoreConfig.of(DIR, Map.of(), "k1"))
                .hasMessage("biometrics.store.keys: {} (expected: at least one key id -> 32-byte AES-256 key)");
    }

    @Test
    void rejectsKeyOfWrongLength() {
        assertThatThrownBy(() -> StoreConfig.of(DIR, Map.of("k1", new byte[16]), "k1"))
                .hasMessage("biometrics.store.keys.k1: 16 bytes (expected: 32 bytes for AES-256)");
    }

    @Test
    void rejectsNullKeyBytes() {
        Map<String, byte[]> keys = new HashMap<>();
        keys.put("k1", null);
        assertThatThrownBy(() -> StoreConfig.of(DIR, keys, "k1"))
                .hasMessage("biometrics.store.keys.k1: null (expected: 32 bytes for AES-256)");
    }

    @Test
    void rejectsMalformedKeyId() {
        assertThatThrownBy(() -> StoreConfig.of(DIR, Map.of("bad id!", StoreFixtures.key(1)), "bad id!"))
                .hasMessage("biometrics.store.keys: key id 'bad id!' (expected: 1..64 characters of [A-Za-z0-9._-])");
    }

    @Test
    void rejectsUnknownActiveKeyId() {
        assertThatThrownBy(() -> StoreConfig.of(DIR, Map.of("k1", StoreFixtures.key(1)), "k9"))
                .hasMessage("biometrics.activeKeyId: k9 (expected: one of the configured key ids [k1])");
    }

    @Test
    void rejectsFingerprintCapOutOfRange() {
        Map<String, byte[]> keys = Map.of("k1", StoreFixtures.key(1));
        assertThatThrownBy(() -> new StoreConfig(DIR, keys, "k1", 0, 2))
                .hasMessage("biometrics.store.fingerprintCap: 0 (expected: 1..1000)");
        assertThatThrownBy(() -> new StoreConfig(DIR, keys, "k1", 1001, 2))
                .hasMessage("biometrics.store.fingerprintCap: 1001 (expected: 1..1000)");
    }

    @Test
    void rejectsPoolSizeOutOfRange() {
        Map<String, byte[]> keys = Map.of("k1", StoreFixtures.key(1));
        assertThatThrownBy(() -> new StoreConfig(DIR, keys, "k1", 5, 0))
                .hasMessage("biometrics.store.poolSize: 0 (expected: 1..16)");
        assertThatThrownBy(() -> new StoreConfig(DIR, keys, "k1", 5, 17))
                .hasMessage("biometrics.store.poolSize: 17 (expected: 1..16)");
    }

    @Test
    void decodesBase64KeysAndNamesTheKeyIdOnBadInput() {
        byte[] key = StoreFixtures.key(3);
        assertThat(StoreConfig.decodeKey("k1", Base64.getEncoder().encodeToString(key) + "\n")).isEqualTo(key);
        assertThat(StoreConfig.decodeKey("k1", Base64.getUrlEncoder().encodeToString(key))).isEqualTo(key);
        assertThatThrownBy(() -> StoreConfig.decodeKey("k2", "not*base64"))
                .hasMessage("biometrics.store.keys.k2: not base64 (expected: base64 of 32 random bytes)");
        assertThatThrownBy(() -> StoreConfig.decodeKey("k3", Base64.getEncoder().encodeToString(new byte[24])))
                .hasMessage("biometrics.store.keys.k3: 24 bytes (expected: 32 bytes for AES-256)");
    }

    @Test
    void neverPrintsKeyMaterialAndCopiesKeysInAndOut() {
        byte[] key = StoreFixtures.key(5);
        Map<String, byte[]> keys = new HashMap<>(Map.of("k1", key));
        StoreConfig config = StoreConfig.of(DIR, keys, "k1");
        key[0] ^= 1;
        config.keys().get("k1")[1] ^= 1;
        assertThat(config.key("k1")).isEqualTo(StoreFixtures.key(5));
        assertThat(config.toString()).contains("k1").contains("masked")
                .doesNotContain(Base64.getEncoder().encodeToString(StoreFixtures.key(5)));
    }
}
