package dev.voicegate.biometrics.store.postgres;

import dev.voicegate.biometrics.store.IndexChanges;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.internal.BiokeyPseudonyms;
import dev.voicegate.biometrics.store.internal.Database;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.SchemaMigrator;
import dev.voicegate.biometrics.store.internal.StoreMetrics;
import dev.voicegate.biometrics.store.jdbc.JdbcVoiceprintStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networked {@link dev.voicegate.biometrics.store.VoiceprintStore}: the tables and rules of
 * {@link JdbcVoiceprintStore} in a PostgreSQL database that several gateway instances share. Schema
 * migrations come from {@code db/migration-postgresql} (the same versioned runner as SQLite's, under an
 * advisory lock); write transactions are {@code SERIALIZABLE} and retried on a serialization
 * conflict, so the store's check-then-act rules (consent before enrollment, an opt-out blocks every
 * later write, erasure leaves only a tombstone) hold across instances as they do inside one SQLite
 * writer. Templates, fingerprints and sealed biokeys are AES-256-GCM sealed before they leave the JVM;
 * the server only ever sees ciphertext and keyed pseudonyms.
 *
 * <p>Thread-safe; every method blocks on the network, so call it from a bounded worker executor.
 */
public final class PostgresVoiceprintStore extends JdbcVoiceprintStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresVoiceprintStore.class);
    /** The code migration that records the biokey pseudonymisation key's source and check value. */
    static final String PSEUDONYM_MIGRATION = "V2__biokey_pseudonym_key.java";

    private final PostgresStoreConfig postgres;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Set<IndexListener> listeners = ConcurrentHashMap.newKeySet();

    private PostgresVoiceprintStore(Database db, RecordCipher cipher, BiokeyPseudonyms pseudonyms, StoreConfig config,
                                    PostgresStoreConfig postgres, Clock clock, StoreMetrics metrics,
                                    MeterRegistry registry) {
        super(db, cipher, pseudonyms, config.fingerprintCap(), clock, metrics);
        this.postgres = postgres;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * Listens for other instances' writes ({@code LISTEN voicegate_index} on a dedicated connection, see
     * {@link IndexListener}); every committed write that changes a voiceprint or a blocklist announces itself on
     * that channel in its own transaction, naming the voiceprint by its biokey's pseudonym and the blocklist by its
     * id. The handle stops the listener; closing the store stops any left running.
     *
     * @throws dev.voicegate.biometrics.store.StoreException when the listener cannot connect
     */
    @Override
    public AutoCloseable followChanges(IndexChanges sink) {
        Objects.requireNonNull(sink, "sink");
        IndexListener listener = IndexListener.start(postgres, sink, clock, registry);
        listeners.add(listener);
        return () -> {
            listeners.remove(listener);
            listener.close();
        };
    }

    /** Whether every listener started by {@link #followChanges} is connected (false when there is none). */
    public boolean listening() {
        return !listeners.isEmpty() && listeners.stream().allMatch(IndexListener::connected);
    }

    @Override
    public void close() {
        listeners.forEach(IndexListener::close);
        listeners.clear();
        super.close();
    }

    /** Opens (migrating if needed) the store; meters go nowhere. */
    public static PostgresVoiceprintStore open(StoreConfig config, PostgresStoreConfig postgres, Clock clock) {
        return open(config, postgres, clock, new CompositeMeterRegistry());
    }

    /**
     * Opens the store in the database {@code postgres} names, with the keys, fingerprint cap and
     * pseudonymisation key of {@code config} (its {@code dataDir} and {@code poolSize} are the SQLite
     * store's and unused here), registering its meters with {@code registry}.
     *
     * @throws dev.voicegate.biometrics.store.StoreException naming the URL (without parameters) and user
     *         when the server cannot be reached or refuses them, or when the schema or the
     *         pseudonymisation key does not match
     */
    public static PostgresVoiceprintStore open(StoreConfig config, PostgresStoreConfig postgres, Clock clock,
                                               MeterRegistry registry) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(clock, "clock");
        StoreMetrics metrics = new StoreMetrics(Objects.requireNonNull(registry, "registry"));
        RecordCipher cipher = new RecordCipher(config.keys(), config.activeKeyId(), new SecureRandom());
        SchemaMigrator.JavaMigration pseudonymKey = c -> BiokeyPseudonyms.resolve(c, config, true);
        Database db = Database.openPostgres(postgres, clock, metrics, Map.of(PSEUDONYM_MIGRATION, pseudonymKey));
        BiokeyPseudonyms pseudonyms;
        try {
            pseudonyms = db.read("biokey pseudonym key", c -> BiokeyPseudonyms.resolve(c, config, false));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        log.info("[store] opened {} (activeKeyId={}, fingerprintCap={}, poolSize={})", postgres.redactedUrl(),
                config.activeKeyId(), config.fingerprintCap(), postgres.poolSize());
        return new PostgresVoiceprintStore(db, cipher, pseudonyms, config, postgres, clock, metrics, registry);
    }
}
