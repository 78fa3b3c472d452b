package dev.voicegate.biometrics.store.jdbc;

import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.internal.BiokeyPseudonyms;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.SchemaMigrator;
import dev.voicegate.biometrics.store.internal.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Schema V2: biokeys become keyed pseudonyms ({@link BiokeyPseudonyms}) in every table, with one
 * sealed copy per person in {@code subject} (see {@link Biokeys}). Runs inside the migrator's
 * transaction, so an interrupted migration leaves the V1 store untouched:
 * <ol>
 *   <li>{@code store_meta} records where the pseudonymisation key comes from, with a check value;</li>
 *   <li>every biokey named by a live row (not by tombstones only: an erased person is not named
 *       again) gets its sealed copy;</li>
 *   <li>each table is rebuilt as {@code <table>_v2} with {@code biokey_hash} (BLOB) instead of
 *       {@code biokey}; templates and fingerprints are opened with their V1 AAD and sealed again,
 *       under the same key id, with an AAD bound to the pseudonym (the V1 AAD named the clear
 *       biokey, which the re-encryptor could no longer rebuild); row ids are kept;</li>
 *   <li>the V1 tables are dropped ({@code secure_delete} zeroes their pages) and the new ones
 *       renamed. The store then runs {@code VACUUM} and truncates the WAL ({@link #applied}).</li>
 * </ol>
 * Needs every key id that V1 records are sealed with; a missing one fails the migration with the
 * key id and leaves the store at V1.
 */
public final class PseudonymiseBiokeys implements SchemaMigrator.JavaMigration {

    public static final String NAME = "V2__pseudonymise_biokeys.java";

    /** The V2 schema of the tables that name a biokey (created as {@code <name>_v2}, then renamed). */
    private static final List<String> DDL = List.of(
            "CREATE TABLE store_meta (name TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE subject (biokey_hash BLOB NOT NULL PRIMARY KEY, key_id TEXT NOT NULL, sealed BLOB NOT NULL)",
            "CREATE TABLE voiceprint_v2 (biokey_hash BLOB NOT NULL PRIMARY KEY, engine_id TEXT NOT NULL,"
                    + " engine_version INTEGER NOT NULL, key_id TEXT NOT NULL, sealed BLOB NOT NULL,"
                    + " net_speech_seconds REAL NOT NULL, enrolled_calls INTEGER NOT NULL,"
                    + " first_enrolled_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
            "CREATE TABLE consent_v2 (biokey_hash BLOB NOT NULL PRIMARY KEY, at INTEGER NOT NULL,"
                    + " method TEXT NOT NULL, recorded_by TEXT NOT NULL)",
            "CREATE TABLE opt_out_v2 (biokey_hash BLOB NOT NULL PRIMARY KEY, at INTEGER NOT NULL,"
                    + " recorded_by TEXT NOT NULL)",
            "CREATE TABLE replay_fingerprint_v2 (id INTEGER PRIMARY KEY AUTOINCREMENT, biokey_hash BLOB NOT NULL,"
                    + " at INTEGER NOT NULL, key_id TEXT NOT NULL, sealed BLOB NOT NULL)",
            "CREATE TABLE fraudster_v2 (list_id TEXT NOT NULL REFERENCES blocklist (id) ON DELETE CASCADE,"
                    + " fraudster_id TEXT NOT NULL, engine_id TEXT NOT NULL, engine_version INTEGER NOT NULL,"
                    + " key_id TEXT NOT NULL, sealed BLOB NOT NULL, added_at INTEGER NOT NULL, added_by TEXT NOT NULL,"
                    + " source_biokey_hash BLOB, PRIMARY KEY (list_id, fraudster_id))",
            "CREATE TABLE tombstone_v2 (id INTEGER PRIMARY KEY AUTOINCREMENT, biokey_hash BLOB NOT NULL,"
                    + " erased_at INTEGER NOT NULL, erased_by TEXT NOT NULL, opt_out_at INTEGER, opt_out_by TEXT)",
            "CREATE TABLE audit_event_v2 (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
                    + " action TEXT NOT NULL, biokey_hash BLOB, actor TEXT NOT NULL, detail TEXT NOT NULL)");

    private static final List<String> TABLES = List.of("voiceprint", "consent", "opt_out", "replay_fingerprint",
            "fraudster", "tombstone", "audit_event");

    private static final List<String> INDEXES = List.of(
            "CREATE INDEX replay_fingerprint_by_biokey ON replay_fingerprint (biokey_hash, at DESC, id DESC)",
            "CREATE INDEX fraudster_by_source_biokey ON fraudster (source_biokey_hash)"
                    + " WHERE source_biokey_hash IS NOT NULL",
            "CREATE INDEX tombstone_by_biokey ON tombstone (biokey_hash)",
            "CREATE INDEX audit_event_by_biokey ON audit_event (biokey_hash, id) WHERE biokey_hash IS NOT NULL",
            "CREATE INDEX audit_event_by_time ON audit_event (at, id)");

    private final StoreConfig config;
    private final RecordCipher cipher;
    private boolean applied;

    public PseudonymiseBiokeys(StoreConfig config, RecordCipher cipher) {
        this.config = config;
        this.cipher = cipher;
    }

    /** Whether this open migrated a store (so the caller should VACUUM away the V1 pages). */
    public boolean applied() {
        return applied;
    }

    @Override
    public void migrate(Connection c) throws SQLException {
        for (String ddl : DDL) {
            exec(c, ddl);
        }
        Biokeys b = new Biokeys(BiokeyPseudonyms.resolve(c, config, true), cipher);
        try {
            copy(c, b);
        } catch (StoreException e) {
            throw new StoreException("schema migration V2 (pseudonymise biokeys): " + e.getMessage()
                    + " (expected: every key id the records are sealed with is configured; the store stays at V1)", e);
        }
        for (String table : TABLES) {
            exec(c, "DROP TABLE " + table);
            exec(c, "ALTER TABLE " + table + "_v2 RENAME TO " + table);
        }
        for (String index : INDEXES) {
            exec(c, index);
        }
        applied = true;
    }

    private void copy(Connection c, Biokeys b) throws SQLException {
        TreeSet<String> named = new TreeSet<>(Sql.query(c, "SELECT biokey FROM voiceprint UNION SELECT biokey FROM consent"
                + " UNION SELECT biokey FROM opt_out UNION SELECT biokey FROM replay_fingerprint"
                + " UNION SELECT source_biokey FROM fraudster WHERE source_biokey IS NOT NULL"
                + " UNION SELECT biokey FROM audit_event WHERE biokey IS NOT NULL", rs -> rs.getString(1)));
        for (String biokey : named) {
            b.remember(c, biokey);
        }
        for (Object[] r : Sql.query(c, "SELECT rowid, biokey, engine_id, engine_version, key_id, sealed,"
                + " net_speech_seconds, enrolled_calls, first_enrolled_at, updated_at FROM voiceprint ORDER BY rowid",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getBytes(6), rs.getDouble(7), rs.getInt(8), rs.getLong(9), rs.getLong(10)})) {
            String biokey = (String) r[1];
            byte[] hash = b.hash(biokey);
            String keyId = (String) r[4];
            byte[] plain = cipher.open(VoiceprintTable.KIND + "#" + r[0], keyId, (byte[]) r[5],
                    RecordCipher.aad(VoiceprintTable.KIND, biokey, r[2], r[3]));
            byte[] sealed = cipher.seal(keyId, plain, VoiceprintTable.aad(hash, (String) r[2], (Integer) r[3])).blob();
            Arrays.fill(plain, (byte) 0);
            Sql.update(c, "INSERT INTO voiceprint_v2 (rowid, biokey_hash, engine_id, engine_version, key_id, sealed,"
                            + " net_speech_seconds, enrolled_calls, first_enrolled_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    r[0], hash, r[2], r[3], keyId, sealed, r[6], r[7], r[8], r[9]);
        }
        for (Object[] r : Sql.query(c, "SELECT id, biokey, at, key_id, sealed FROM replay_fingerprint ORDER BY id",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBytes(5)})) {
            String biokey = (String) r[1];
            byte[] hash = b.hash(biokey);
            String keyId = (String) r[3];
            byte[] plain = cipher.open(FingerprintTable.KIND + "#" + r[0], keyId, (byte[]) r[4],
                    RecordCipher.aad(FingerprintTable.KIND, biokey, r[2]));
            byte[] sealed = cipher.seal(keyId, plain, FingerprintTable.aad(hash, (Long) r[2])).blob();
            Arrays.fill(plain, (byte) 0);
            Sql.update(c, "INSERT INTO replay_fingerprint_v2 (id, biokey_hash, at, key_id, sealed) VALUES (?, ?, ?, ?, ?)",
                    r[0], hash, r[2], keyId, sealed);
        }
        for (Object[] r : Sql.query(c, "SELECT biokey, at, method, recorded_by FROM consent",
                rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)})) {
            Sql.update(c, "INSERT INTO consent_v2 (biokey_hash, at, method, recorded_by) VALUES (?, ?, ?, ?)",
                    b.hash((String) r[0]), r[1], r[2], r[3]);
        }
        for (Object[] r : Sql.query(c, "SELECT biokey, at, recorded_by FROM opt_out",
                rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3)})) {
            Sql.update(c, "INSERT INTO opt_out_v2 (biokey_hash, at, recorded_by) VALUES (?, ?, ?)",
                    b.hash((String) r[0]), r[1], r[2]);
        }
        for (Object[] r : Sql.query(c, "SELECT list_id, fraudster_id, engine_id, engine_version, key_id, sealed,"
                + " added_at, added_by, source_biokey FROM fraudster", rs -> new Object[] {rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getBytes(6), rs.getLong(7),
                rs.getString(8), rs.getString(9)})) {
            Sql.update(c, "INSERT INTO fraudster_v2 (list_id, fraudster_id, engine_id, engine_version, key_id, sealed,"
                            + " added_at, added_by, source_biokey_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] == null ? null : b.hash((String) r[8]));
        }
        for (Object[] r : Sql.query(c, "SELECT id, biokey, erased_at, erased_by, opt_out_at, opt_out_by FROM tombstone",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5), rs.getString(6)})) {
            Sql.update(c, "INSERT INTO tombstone_v2 (id, biokey_hash, erased_at, erased_by, opt_out_at, opt_out_by)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", r[0], b.hash((String) r[1]), r[2], r[3], r[4], r[5]);
        }
        for (Object[] r : Sql.query(c, "SELECT id, at, action, biokey, actor, detail FROM audit_event",
                rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)})) {
            Sql.update(c, "INSERT INTO audit_event_v2 (id, at, action, biokey_hash, actor, detail)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    r[0], r[1], r[2], r[3] == null ? null : b.hash((String) r[3]), r[4], r[5]);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
