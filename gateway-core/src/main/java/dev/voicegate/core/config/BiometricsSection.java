package dev.voicegate.core.config;

import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * {@code biometrics:} — the voiceprint engine and its encrypted store (issue #4). Biometrics are on
 * when at least one encryption key is configured; without one VoiceGate is a plain (gating) AudioHook
 * endpoint and says so at start.
 *
 * @param dataDir          directory of the embedded store (one SQLite file) and the transaction log
 * @param encryptionKeys   AES-256 keys (base64 of 32 bytes) by id; use secret references
 * @param activeKeyId      the key new records are sealed with (default: the last listed)
 * @param minEnrollSpeech  net speech an enrollment needs
 * @param minVerifySpeech  net speech below which verify answers LOW_DATA
 * @param workers          threads for heavy work (1:N search, store I/O)
 * @param pseudonymKey     base64 HMAC key (≥ 32 bytes) the store hashes biokeys with; empty = derived from the
 *                         encryption key active when the store was created (that key must then stay configured)
 * @param store            {@code sqlite} (the embedded default, one file under {@code dataDir}) or {@code postgres}
 *                         (a PostgreSQL database several instances share)
 * @param postgresUrl      the PostgreSQL JDBC URL ({@code jdbc:postgresql://host[:port]/database}); required for
 *                         {@code store: postgres}
 * @param postgresUser     the PostgreSQL user
 * @param postgresPassword the PostgreSQL password, by secret reference (masked when printed); empty for trust or
 *                         peer authentication
 * @param postgresPoolSize connections to PostgreSQL per instance (HikariCP), 1..64
 */
public record BiometricsSection(String dataDir, List<EncryptionKey> encryptionKeys, String activeKeyId,
                                Duration minEnrollSpeech, Duration minVerifySpeech, Integer workers, String pseudonymKey,
                                String store, String postgresUrl, String postgresUser, String postgresPassword,
                                Integer postgresPoolSize) {

    /** {@code biometrics.store} values. */
    public static final String SQLITE = "sqlite";
    public static final String POSTGRES = "postgres";

    /** A section on the embedded SQLite store (the store keys at their defaults). */
    public BiometricsSection(String dataDir, List<EncryptionKey> encryptionKeys, String activeKeyId,
                             Duration minEnrollSpeech, Duration minVerifySpeech, Integer workers, String pseudonymKey) {
        this(dataDir, encryptionKeys, activeKeyId, minEnrollSpeech, minVerifySpeech, workers, pseudonymKey,
                null, null, null, null, null);
    }

    /** One store key. */
    public record EncryptionKey(String id, String key) {
        public EncryptionKey {
            if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw ConfigException.invalid("biometrics.encryptionKeys[].id", id, "1-64 characters A-Z a-z 0-9 . _ -");
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(key == null ? "" : key.trim());
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid("biometrics.encryptionKeys[" + id + "].key", "<masked>", "base64 of 32 random bytes");
            }
            if (raw.length != 32) {
                throw ConfigException.invalid("biometrics.encryptionKeys[" + id + "].key", "<masked, " + raw.length + " bytes>",
                        "base64 of exactly 32 bytes (AES-256), e.g. from: head -c32 /dev/urandom | base64");
            }
        }

        public byte[] bytes() {
            return Base64.getDecoder().decode(key.trim());
        }
    }

    public BiometricsSection {
        dataDir = dataDir == null ? "data" : dataDir;
        encryptionKeys = encryptionKeys == null ? List.of() : List.copyOf(encryptionKeys);
        if (activeKeyId == null && !encryptionKeys.isEmpty()) {
            activeKeyId = encryptionKeys.get(encryptionKeys.size() - 1).id();
        }
        String active = activeKeyId;
        if (active != null && encryptionKeys.stream().noneMatch(k -> k.id().equals(active))) {
            throw ConfigException.invalid("biometrics.activeKeyId", active, "the id of one of biometrics.encryptionKeys");
        }
        EngineConfig d = EngineConfig.GMM_V3;
        minEnrollSpeech = minEnrollSpeech == null ? d.minEnrollSpeech() : minEnrollSpeech;
        minVerifySpeech = minVerifySpeech == null ? d.minVerifySpeech() : minVerifySpeech;
        workers = workers == null ? d.workers() : workers;
        pseudonymKey = pseudonymKey == null ? "" : pseudonymKey.trim();
        store = store == null ? SQLITE : store.trim();
        if (!store.equals(SQLITE) && !store.equals(POSTGRES)) {
            throw ConfigException.invalid("biometrics.store", "'" + store + "'",
                    "sqlite (embedded, the default) or postgres (a shared PostgreSQL database)");
        }
        postgresUrl = postgresUrl == null ? "" : postgresUrl.trim();
        postgresUser = postgresUser == null ? PostgresStoreConfig.DEFAULT_USER : postgresUser.trim();
        postgresPassword = postgresPassword == null ? "" : postgresPassword;
        postgresPoolSize = postgresPoolSize == null ? PostgresStoreConfig.DEFAULT_POOL_SIZE : postgresPoolSize;
        if (store.equals(POSTGRES) && postgresUrl.isEmpty()) {
            throw ConfigException.invalid("biometrics.postgresUrl", "empty",
                    "a JDBC URL jdbc:postgresql://host[:port]/database when biometrics.store is postgres");
        }
        if (store.equals(POSTGRES) || !postgresUrl.isEmpty()) {
            try {
                new PostgresStoreConfig(postgresUrl, postgresUser, postgresPassword, postgresPoolSize);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    /** The PostgreSQL store's connection when {@code store} is {@code postgres}, else {@code null}. */
    public PostgresStoreConfig toPostgresConfig() {
        return store.equals(POSTGRES)
                ? new PostgresStoreConfig(postgresUrl, postgresUser, postgresPassword, postgresPoolSize) : null;
    }

    /** Prints no key material and no password (nor the JDBC URL's parameters, which may carry one). */
    @Override
    public String toString() {
        int q = postgresUrl.indexOf('?');
        return "BiometricsSection[dataDir=" + dataDir + ", encryptionKeys=" + encryptionKeys.size() + " (masked)"
                + ", activeKeyId=" + activeKeyId + ", store=" + store + ", postgresUrl="
                + (q < 0 ? postgresUrl : postgresUrl.substring(0, q) + "?(masked)") + ", postgresUser=" + postgresUser
                + ", postgresPassword=(masked), postgresPoolSize=" + postgresPoolSize + "]";
    }

    /** The configured pseudonym key, or null when it is derived by the store. */
    public byte[] pseudonymKeyBytes() {
        return pseudonymKey.isEmpty() ? null : dev.voicegate.biometrics.store.config.StoreConfig.decodePseudonymKey(pseudonymKey);
    }

    /**
     * The engine's config: this section's values over the engine's defaults (which own them).
     *
     * @throws IllegalArgumentException naming the key, the value and what was expected
     */
    public EngineConfig toEngineConfig() {
        EngineConfig d = EngineConfig.GMM_V3; // the engine the gateway runs (BiometricsComponents)
        return new EngineConfig(minEnrollSpeech, minVerifySpeech, d.noDataSpeech(), d.thresholds(), d.searchThreshold(),
                d.maxManyCandidates(), d.blocklistThreshold(), d.speakerChangeThreshold(), workers, d.queueCapacity(),
                d.frontEnd());
    }

    public boolean enabled() {
        return !encryptionKeys.isEmpty();
    }
}
