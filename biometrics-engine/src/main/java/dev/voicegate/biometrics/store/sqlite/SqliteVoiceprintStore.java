package dev.voicegate.biometrics.store.sqlite;

import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.internal.BiokeyPseudonyms;
import dev.voicegate.biometrics.store.internal.Database;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.StoreMetrics;
import dev.voicegate.biometrics.store.jdbc.JdbcVoiceprintStore;
import dev.voicegate.biometrics.store.jdbc.PseudonymiseBiokeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link VoiceprintStore}: one SQLite file ({@value StoreConfig#FILE_NAME})
 * under {@code biometrics.dataDir}, WAL mode, {@code synchronous=FULL}, a single pooled writer and a
 * small reader pool (see {@link Database}), schema migrations from {@code db/migration}, and
 * AES-256-GCM sealed templates and fingerprints (see {@link RecordCipher}), and biokeys only as
 * keyed pseudonyms (see {@link BiokeyPseudonyms} and {@link StoreConfig} for the pseudonymisation key).
 *
 * <p>Thread-safe; every method blocks on JDBC, so call it from a bounded worker executor. Several
 * processes may open the same file (SQLite locks), but one per data directory is the intended use.
 * The tables and rules are those of {@link JdbcVoiceprintStore}, shared with the PostgreSQL store.
 */
public final class SqliteVoiceprintStore extends JdbcVoiceprintStore {

    private static final Logger log = LoggerFactory.getLogger(SqliteVoiceprintStore.class);

    private SqliteVoiceprintStore(Database db, RecordCipher cipher, BiokeyPseudonyms pseudonyms, StoreConfig config,
                                  Clock clock, StoreMetrics metrics) {
        super(db, cipher, pseudonyms, config.fingerprintCap(), clock, metrics);
    }

    /**
     * Opens (creating and migrating if needed) the store described by {@code config}.
     *
     * @param clock wall time for the store's own audit events (re-encryption)
     * @throws dev.voicegate.biometrics.store.StoreException when the directory, the file or the
     *         schema cannot be opened
     */
    public static SqliteVoiceprintStore open(StoreConfig config, Clock clock) {
        return open(config, clock, new CompositeMeterRegistry());
    }

    /**
     * Opens the store and registers its meters ({@code voicegate.biometrics.store.*}, see
     * {@link StoreMetrics}) with {@code registry}.
     */
    public static SqliteVoiceprintStore open(StoreConfig config, Clock clock, MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        StoreMetrics metrics = new StoreMetrics(Objects.requireNonNull(registry, "registry"));
        RecordCipher cipher = new RecordCipher(config.keys(), config.activeKeyId(), new SecureRandom());
        PseudonymiseBiokeys v2 = new PseudonymiseBiokeys(config, cipher);
        Database db = Database.open(config, clock, metrics, Map.of(PseudonymiseBiokeys.NAME, v2));
        BiokeyPseudonyms pseudonyms;
        try {
            pseudonyms = db.read("biokey pseudonym key", c -> BiokeyPseudonyms.resolve(c, config, false));
            if (v2.applied() && !db.vacuum()) {
                log.warn("[store] WAL checkpoint after the biokey pseudonymisation did not complete;"
                        + " old WAL frames are overwritten by later checkpoints");
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        log.info("[store] opened {} (activeKeyId={}, fingerprintCap={}, poolSize={})", config.databaseFile(),
                config.activeKeyId(), config.fingerprintCap(), config.poolSize());
        return new SqliteVoiceprintStore(db, cipher, pseudonyms, config, clock, metrics);
    }

}
