package dev.voicegate.core.config;

import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.config.Thresholds;
import dev.voicegate.biometrics.xvector.backend.BackendFormatException;
import dev.voicegate.biometrics.xvector.backend.BackendScorer;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * @param model            path of a retrained x-vector back end ({@code backend.vgxb} from
 *                         {@code biometrics-engine/corpus/real/train-backend.sh}); empty = the one shipped in the jar
 * @param thresholds       the decision thresholds (BioScore cut points)
 */
public record BiometricsSection(String dataDir, List<EncryptionKey> encryptionKeys, String activeKeyId,
                                Duration minEnrollSpeech, Duration minVerifySpeech, Integer workers, String pseudonymKey,
                                String store, String postgresUrl, String postgresUser, String postgresPassword,
                                Integer postgresPoolSize, String model, DecisionThresholds thresholds) {

    /** {@code biometrics.store} values. */
    public static final String SQLITE = "sqlite";
    public static final String POSTGRES = "postgres";

    /** The engine settings the gateway's defaults come from: the x-vector engine's (docs/engine.md §10). */
    public static final EngineConfig ENGINE_DEFAULTS = EngineConfig.DEFAULTS;

    /** A section on the embedded SQLite store, the shipped model and the default thresholds. */
    public BiometricsSection(String dataDir, List<EncryptionKey> encryptionKeys, String activeKeyId,
                             Duration minEnrollSpeech, Duration minVerifySpeech, Integer workers, String pseudonymKey) {
        this(dataDir, encryptionKeys, activeKeyId, minEnrollSpeech, minVerifySpeech, workers, pseudonymKey,
                null, null, null, null, null, null, null);
    }

    /**
     * {@code biometrics.thresholds:} — BioScore (calibrated score, 0..1) cut points. The five levels map a verification
     * to {@code BioResult} (below {@code falseMedium} → FALSE_HIGH, … , at or above {@code trueHigh} → TRUE_HIGH) and
     * must ascend strictly; {@code search} counts an identify candidate, {@code blocklist} raises a blocklist match,
     * two consecutive speaker-change windows below {@code speakerChange} flag a speaker change. How to derive them from
     * {@code voicegate eval}: docs/engine.md §8.
     */
    public record DecisionThresholds(Double falseMedium, Double falseLow, Double trueLow, Double trueMedium,
                                     Double trueHigh, Double search, Double blocklist, Double speakerChange) {
        public DecisionThresholds {
            EngineConfig d = ENGINE_DEFAULTS;
            falseMedium = score("falseMedium", falseMedium, d.thresholds().falseMedium());
            falseLow = score("falseLow", falseLow, d.thresholds().falseLow());
            trueLow = score("trueLow", trueLow, d.thresholds().trueLow());
            trueMedium = score("trueMedium", trueMedium, d.thresholds().trueMedium());
            trueHigh = score("trueHigh", trueHigh, d.thresholds().trueHigh());
            search = score("search", search, d.searchThreshold());
            blocklist = score("blocklist", blocklist, d.blocklistThreshold());
            speakerChange = score("speakerChange", speakerChange, d.speakerChangeThreshold());
            double[] v = {falseMedium, falseLow, trueLow, trueMedium, trueHigh};
            String[] k = {"falseMedium", "falseLow", "trueLow", "trueMedium", "trueHigh"};
            for (int i = 1; i < v.length; i++) {
                if (!(v[i] > v[i - 1])) {
                    throw ConfigException.invalid("biometrics.thresholds." + k[i], v[i], "> biometrics.thresholds."
                            + k[i - 1] + " " + v[i - 1] + "; the five levels ascend: falseMedium < falseLow < trueLow < trueMedium < trueHigh");
                }
            }
        }

        private static double score(String key, Double value, double dflt) {
            double v = value == null ? dflt : value;
            if (!(v > 0 && v < 1)) {
                throw ConfigException.invalid("biometrics.thresholds." + key, v, "a BioScore: 0 < x < 1");
            }
            return v;
        }

        /** The engine's verification levels. */
        public Thresholds levels() {
            return new Thresholds(falseMedium, falseLow, trueLow, trueMedium, trueHigh);
        }
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
        EngineConfig d = ENGINE_DEFAULTS;
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
        model = model == null ? "" : model.trim();
        thresholds = thresholds == null ? new DecisionThresholds(null, null, null, null, null, null, null, null) : thresholds;
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
                + ", postgresPassword=(masked), postgresPoolSize=" + postgresPoolSize + ", model=" + model
                + ", thresholds=" + thresholds + "]";
    }

    /**
     * The configured back-end file, checked (exists, is a trained and calibrated x-vector back end), or {@code null}
     * for the shipped one.
     *
     * @throws ConfigException naming {@code biometrics.model}, the path and the problem
     */
    public Path modelFile() {
        if (model.isEmpty()) {
            return null;
        }
        Path p = Path.of(model);
        if (!Files.isRegularFile(p)) {
            throw ConfigException.invalid("biometrics.model", model, "a back-end file (backend.vgxb from "
                    + "biometrics-engine/corpus/real/train-backend.sh) that exists; empty = the shipped back end");
        }
        try {
            BackendScorer.load(p);
        } catch (BackendFormatException | java.io.UncheckedIOException e) {
            throw new ConfigException("biometrics.model: " + e.getMessage()
                    + " (expected: a trained, calibrated x-vector back end, backend.vgxb from train-backend.sh)", e);
        }
        return p;
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
        EngineConfig d = ENGINE_DEFAULTS; // the engine the gateway runs (BiometricsComponents)
        return new EngineConfig(minEnrollSpeech, minVerifySpeech, d.noDataSpeech(), thresholds.levels(), thresholds.search(),
                d.maxManyCandidates(), thresholds.blocklist(), thresholds.speakerChange(), workers, d.queueCapacity(),
                d.frontEnd());
    }

    public boolean enabled() {
        return !encryptionKeys.isEmpty();
    }
}
