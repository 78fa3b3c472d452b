package dev.voicegate.biometrics.store.jdbc;

import dev.voicegate.biometrics.store.AuditAction;
import dev.voicegate.biometrics.store.AuditEvent;
import dev.voicegate.biometrics.store.Blocklist;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.ErasureReport;
import dev.voicegate.biometrics.store.FraudsterEntry;
import dev.voicegate.biometrics.store.OptOutRecord;
import dev.voicegate.biometrics.store.ReencryptionReport;
import dev.voicegate.biometrics.store.ReplayFingerprint;
import dev.voicegate.biometrics.store.ScanResult;
import dev.voicegate.biometrics.store.StoredVoiceprint;
import dev.voicegate.biometrics.store.SubjectExport;
import dev.voicegate.biometrics.store.Tombstone;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.biometrics.store.internal.BiokeyPseudonyms;
import dev.voicegate.biometrics.store.internal.Checks;
import dev.voicegate.biometrics.store.internal.Database;
import dev.voicegate.biometrics.store.internal.IndexNotice;
import dev.voicegate.biometrics.store.internal.RecordCipher;
import dev.voicegate.biometrics.store.internal.Sql;
import dev.voicegate.biometrics.store.internal.StoreMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VoiceprintStore} over JDBC, shared by the embedded SQLite store and the networked
 * PostgreSQL store: the same tables, the same SQL (the subset both dialects run unchanged), the same
 * rules in the same transactions. What differs — pools, isolation, migrations, what happens after an
 * erasure — lives in {@link Database} and in the subclasses' {@code open} methods.
 *
 * <p>Thread-safe; every method blocks on JDBC, so call it from a bounded worker executor.
 */
public abstract class JdbcVoiceprintStore implements VoiceprintStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcVoiceprintStore.class);

    private final Database db;
    private final RecordCipher cipher;
    private final Clock clock;
    private final StoreMetrics metrics;
    private final Biokeys biokeys;
    private final VoiceprintTable voiceprints;
    private final FingerprintTable fingerprints;
    private final BlocklistTable blocklists;

    /** A store over an open, migrated {@code db}; takes ownership of it (closed by {@link #close}). */
    protected JdbcVoiceprintStore(Database db, RecordCipher cipher, BiokeyPseudonyms pseudonyms, int fingerprintCap,
                                  Clock clock, StoreMetrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.cipher = cipher;
        this.clock = clock;
        this.biokeys = new Biokeys(pseudonyms, cipher);
        this.voiceprints = new VoiceprintTable(cipher, biokeys);
        this.fingerprints = new FingerprintTable(cipher, biokeys, fingerprintCap);
        this.blocklists = new BlocklistTable(cipher, biokeys);
    }

    @Override
    public Optional<StoredVoiceprint> get(String biokey) {
        return db.read("get voiceprint", c -> voiceprints.get(c, key(biokey)));
    }

    @Override
    public void put(StoredVoiceprint voiceprint, String by) {
        Objects.requireNonNull(voiceprint, "voiceprint");
        db.update("put voiceprint", c -> {
            voiceprints.put(c, voiceprint, actor(by), null);
            voiceprintChanged(c, voiceprint.biokey());
        });
    }

    @Override
    public void put(StoredVoiceprint voiceprint, String by, ConsentRecord consent) {
        Objects.requireNonNull(voiceprint, "voiceprint");
        Objects.requireNonNull(consent, "consent");
        db.update("put voiceprint with consent", c -> {
            voiceprints.put(c, voiceprint, actor(by), consent);
            voiceprintChanged(c, voiceprint.biokey());
        });
    }

    @Override
    public boolean putIfUnchanged(StoredVoiceprint voiceprint, Optional<StoredVoiceprint> expected, String by) {
        Objects.requireNonNull(voiceprint, "voiceprint");
        Objects.requireNonNull(expected, "expected");
        return db.write("put voiceprint if unchanged",
                c -> voiceprintChanged(c, voiceprint.biokey(),
                        voiceprints.putIfUnchanged(c, voiceprint, expected, actor(by), null)));
    }

    @Override
    public boolean putIfUnchanged(StoredVoiceprint voiceprint, Optional<StoredVoiceprint> expected, String by,
                                  ConsentRecord consent) {
        Objects.requireNonNull(voiceprint, "voiceprint");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(consent, "consent");
        return db.write("put voiceprint with consent if unchanged",
                c -> voiceprintChanged(c, voiceprint.biokey(),
                        voiceprints.putIfUnchanged(c, voiceprint, expected, actor(by), consent)));
    }

    @Override
    public void putAll(Collection<StoredVoiceprint> batch, String by) {
        List<StoredVoiceprint> copy = List.copyOf(batch);
        if (copy.size() > MAX_BATCH) {
            throw new IllegalArgumentException("voiceprints: " + copy.size() + " (expected: <= " + MAX_BATCH + ")");
        }
        String actor = actor(by);
        db.update("put voiceprints", c -> {
            voiceprints.putAll(c, copy, actor);
            for (StoredVoiceprint v : copy) {
                voiceprintChanged(c, v.biokey());
            }
        });
    }

    @Override
    public boolean deleteVoiceprint(String biokey, Instant at, String by) {
        return db.write("delete voiceprint", c -> voiceprintChanged(c, biokey,
                SubjectErasure.deleteVoiceprint(c, biokeys, key(biokey), time(at), actor(by))));
    }

    @Override
    public Optional<StoredVoiceprint> voiceprintOf(String pseudonym) {
        byte[] hash = BiokeyPseudonyms.fromHex(pseudonym);
        return db.read("get voiceprint by pseudonym", c -> voiceprints.byPseudonym(c, hash));
    }

    @Override
    public boolean sharedWithOtherProcesses() {
        return db.shared();
    }

    @Override
    public ScanResult forEachVoiceprint(Consumer<StoredVoiceprint> sink) {
        Objects.requireNonNull(sink, "sink");
        ScanResult result = db.read("scan voiceprints", c -> voiceprints.forEach(c, sink));
        metrics.unreadable(result.unreadable());
        return result;
    }

    @Override
    public long countVoiceprints() {
        return db.read("count voiceprints", c -> Sql.count(c, "SELECT COUNT(*) FROM voiceprint"));
    }

    @Override
    public Optional<Instant> latestEnrollment(String biokey) {
        return db.read("latest enrollment", c -> voiceprints.latestEnrollment(c, key(biokey)));
    }

    @Override
    public List<String> idleVoiceprints(Instant cutoff, int limit) {
        return db.read("idle voiceprints", c -> voiceprints.idle(c, time(cutoff), limit(limit)));
    }

    @Override
    public void recordConsent(String biokey, ConsentRecord consent) {
        Objects.requireNonNull(consent, "consent");
        db.update("record consent", c -> SubjectTables.recordConsent(c, biokeys, key(biokey), consent));
    }

    @Override
    public Optional<ConsentRecord> consent(String biokey) {
        return db.read("consent", c -> SubjectTables.consent(c, biokeys, key(biokey)));
    }

    @Override
    public boolean optOut(String biokey, Instant at, String by) {
        return db.write("opt out", c -> voiceprintChanged(c, biokey,
                SubjectErasure.optOut(c, biokeys, key(biokey), time(at), actor(by))));
    }

    @Override
    public boolean isOptedOut(String biokey) {
        return optOutRecord(biokey).isPresent();
    }

    @Override
    public Optional<OptOutRecord> optOutRecord(String biokey) {
        return db.read("opt-out", c -> SubjectTables.optOut(c, biokeys, key(biokey)));
    }

    @Override
    public void addReplayFingerprint(String biokey, ReplayFingerprint fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        db.update("add replay fingerprint", c -> fingerprints.add(c, key(biokey), fingerprint));
    }

    @Override
    public List<ReplayFingerprint> replayFingerprints(String biokey) {
        return db.read("replay fingerprints", c -> fingerprints.list(c, key(biokey)));
    }

    @Override
    public Blocklist createBlocklist(String listId, String name, Instant at, String by) {
        Blocklist list = new Blocklist(listId, name, at, by);
        return db.write("create blocklist", c -> blocklistChanged(c, list.id(), blocklists.create(c, list)));
    }

    @Override
    public List<Blocklist> blocklists() {
        return db.read("list blocklists", blocklists::list);
    }

    @Override
    public boolean deleteBlocklist(String listId, Instant at, String by) {
        return db.write("delete blocklist", c -> blocklistChanged(c, listId,
                blocklists.delete(c, Checks.key("listId", listId), time(at), actor(by))));
    }

    @Override
    public void putFraudster(FraudsterEntry entry) {
        Objects.requireNonNull(entry, "entry");
        db.update("put fraudster", c -> {
            blocklists.put(c, entry);
            blocklistChanged(c, entry.listId(), null);
        });
    }

    @Override
    public boolean removeFraudster(String listId, String fraudsterId, Instant at, String by) {
        return db.write("remove fraudster",
                c -> blocklistChanged(c, listId, blocklists.remove(c, Checks.key("listId", listId),
                        Checks.key("fraudsterId", fraudsterId), time(at), actor(by))));
    }

    @Override
    public List<FraudsterEntry> fraudsters(String listId) {
        return db.read("list fraudsters", c -> blocklists.entries(c, Checks.key("listId", listId)));
    }

    @Override
    public ErasureReport erase(String biokey, Instant at, String by) {
        ErasureReport report = db.write("erase", c -> {
            List<String> lists = db.shared() ? Sql.query(c, "SELECT DISTINCT list_id FROM fraudster"
                    + " WHERE source_biokey_hash = ?", rs -> rs.getString(1), biokeys.hash(key(biokey))) : List.of();
            ErasureReport erased = SubjectErasure.erase(c, biokeys, key(biokey), time(at), actor(by));
            for (String listId : lists) {
                blocklistChanged(c, listId, null);
            }
            return voiceprintChanged(c, biokey, erased);
        });
        if (!db.afterErasure()) {
            log.warn("[store tombstone={}] WAL checkpoint after erasure did not complete (readers active);"
                    + " old WAL frames are overwritten by later checkpoints", report.tombstone().id());
        }
        log.info("[store tombstone={}] erased {} artefacts (optOutKept={})", report.tombstone().id(),
                report.total(), report.tombstone().optedOut());
        return report;
    }

    @Override
    public List<Tombstone> tombstones(String biokey) {
        return db.read("tombstones", c -> SubjectTables.tombstones(c, biokeys, key(biokey)));
    }

    @Override
    public SubjectExport exportSubject(String biokey, Instant at, String by) {
        return db.write("export subject", c -> SubjectErasure.export(c, biokeys, key(biokey), time(at), actor(by)));
    }

    @Override
    public void audit(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        db.update("audit", c -> SubjectTables.audit(c, biokeys, event));
    }

    @Override
    public String pseudonym(String biokey) {
        return BiokeyPseudonyms.hex(biokeys.hash(key(biokey)));
    }

    @Override
    public List<AuditEvent> auditTrail(String biokey, int limit) {
        return db.read("audit trail", c -> SubjectTables.auditTrail(c, biokeys, key(biokey), limit(limit)));
    }

    @Override
    public List<AuditEvent> auditEvents(Instant from, int limit) {
        return db.read("audit events", c -> SubjectTables.auditSince(c, biokeys, time(from), limit(limit)));
    }

    @Override
    public int pruneAuditEvents(Instant before, String by) {
        return db.write("prune audit events", c -> SubjectTables.pruneAudit(c, biokeys, time(before), clock.instant(), actor(by)));
    }

    @Override
    public ReencryptionReport reencryptAll(String newKeyId) {
        cipher.requireKnown(newKeyId);
        ReencryptionReport report = new Reencryptor(db, cipher).run(newKeyId);
        metrics.unreadable(report.unreadable());
        audit(new AuditEvent(clock.instant(), AuditAction.REENCRYPT, null, "system",
                "key=" + newKeyId + " records=" + report.total() + " unreadable=" + report.unreadable()));
        return report;
    }

    @Override
    public Map<String, Long> keyUsage() {
        Map<String, Long> usage = new TreeMap<>(db.read("key usage", Reencryptor::keyUsage));
        biokeys.pseudonyms().derivedFrom().ifPresent(keyId -> usage.merge(keyId, 1L, Long::sum));
        return usage;
    }

    @Override
    public void close() {
        db.close();
    }

    /** Announces (on commit; only on PostgreSQL) that {@code biokey}'s voiceprint may have changed; returns {@code result}. */
    private <T> T voiceprintChanged(Connection c, String biokey, T result) throws SQLException {
        db.announce(c, IndexNotice.voiceprint(pseudonym(biokey), clock.instant()).payload());
        return result;
    }

    private void voiceprintChanged(Connection c, String biokey) throws SQLException {
        voiceprintChanged(c, biokey, null);
    }

    /** Announces (on commit; only on PostgreSQL) that blocklist {@code listId} may have changed; returns {@code result}. */
    private <T> T blocklistChanged(Connection c, String listId, T result) throws SQLException {
        db.announce(c, IndexNotice.blocklist(listId, clock.instant()).payload());
        return result;
    }

    private static String key(String value) {
        return Checks.key("biokey", value);
    }

    private static String actor(String by) {
        return Checks.key("by", by);
    }

    private static Instant time(Instant at) {
        return Checks.time("at", at);
    }

    private static int limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
        }
        return limit;
    }
}
