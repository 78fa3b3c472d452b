package dev.voicegate.core.admin;

import dev.voicegate.biometrics.store.AuditAction;
import dev.voicegate.biometrics.store.AuditEvent;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.ErasureReport;
import dev.voicegate.biometrics.store.OptOutRecord;
import dev.voicegate.biometrics.store.SubjectExport;
import dev.voicegate.biometrics.store.Tombstone;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.core.tx.TransactionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Data-subject requests (GDPR Art. 15 access, Art. 17 erasure) against the running gateway's store,
 * engine indexes and transaction log. Every method is asynchronous: the store work runs on the
 * bounded blocking executor, never on the admin port's event loop. Results are JSON-ready maps;
 * no template, fingerprint or audio byte ever appears in them. Each request is audited in the store
 * (by the actor given) and logged with the biokey's pseudonym, never the biokey.
 */
public final class SubjectRequests {
    private static final Logger log = LoggerFactory.getLogger(SubjectRequests.class);
    /** Most audit events and transactions one response lists. */
    static final int MAX_ROWS = 10_000;

    private final VoiceprintStore store;
    private final Consumer<String> forget;
    private final TransactionLog txLog;
    private final Clock clock;
    private final Executor blocking;

    /**
     * @param forget   drops a biokey from the engine's in-memory 1:N and blocklist indexes
     * @param txLog    the transaction log, or null when there is none
     * @param blocking bounded executor for the store's blocking I/O (a full one fails the request)
     */
    public SubjectRequests(VoiceprintStore store, Consumer<String> forget, TransactionLog txLog, Clock clock, Executor blocking) {
        this.store = store;
        this.forget = forget;
        this.txLog = txLog;
        this.clock = clock;
        this.blocking = blocking;
    }

    /** Erases every artefact of {@code biokey}: store (one transaction, tombstone left), engine indexes, transaction records. */
    public CompletableFuture<Map<String, Object>> erase(String biokey, String actor) {
        return CompletableFuture.supplyAsync(() -> {
            String subject = store.pseudonym(biokey);
            ErasureReport r = store.erase(biokey, clock.instant(), actor);
            forget.accept(biokey);
            int transactions = txLog == null ? 0 : txLog.eraseSubject(subject).join();
            log.info("[admin actor={} subject={}] erased: voiceprint={} fingerprints={} consent={} blocklistEntries={}"
                            + " auditEvents={} transactions={} tombstone={}", actor, shortly(subject), r.voiceprintRemoved(),
                    r.fingerprintsRemoved(), r.consentRemoved(), r.fraudsterEntriesRemoved(), r.auditEventsRemoved(),
                    transactions, r.tombstone().id());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("erased", true);
            m.put("tombstone", r.tombstone().id());
            m.put("erasedAt", r.tombstone().erasedAt().toString());
            m.put("voiceprintRemoved", r.voiceprintRemoved());
            m.put("replayFingerprintsRemoved", r.fingerprintsRemoved());
            m.put("consentRemoved", r.consentRemoved());
            m.put("blocklistEntriesRemoved", r.fraudsterEntriesRemoved());
            m.put("auditEventsRemoved", r.auditEventsRemoved());
            m.put("transactionsRemoved", transactions);
            m.put("optOutKept", r.tombstone().optOutAt() != null);
            return m;
        }, blocking);
    }

    /** What is held about {@code biokey} (Art. 15): biokeys, consent, opt-out, enrollment, blocklist entries, erasures, audit trail, transactions. */
    public CompletableFuture<Map<String, Object>> export(String biokey, String actor) {
        return CompletableFuture.supplyAsync(() -> {
            SubjectExport e = store.exportSubject(biokey, clock.instant(), actor);
            Instant latest = store.latestEnrollment(biokey).orElse(null);
            String subject = store.pseudonym(biokey);
            List<TransactionLog.Entry> txs = txLog == null ? List.of() : txLog.forSubject(subject, MAX_ROWS).join();
            log.info("[admin actor={} subject={}] exported: voiceprint={} auditEvents={} transactions={}", actor,
                    shortly(subject), e.voiceprint().isPresent(), e.auditTrail().size(), txs.size());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("biokeys", List.of(e.biokey()));
            m.put("voiceprint", e.voiceprint().map(v -> {
                Map<String, Object> vp = new LinkedHashMap<>();
                vp.put("engineId", v.engineId());
                vp.put("engineVersion", v.engineVersion());
                vp.put("templateBytes", v.templateBytes());
                vp.put("netSpeechSeconds", v.netSpeechSeconds());
                vp.put("enrolledCalls", v.enrolledCalls());
                vp.put("lastEnrolledAt", v.updatedAt().toString());
                return vp;
            }).orElse(null));
            m.put("latestEnrollment", latest == null ? null : latest.toString());
            m.put("consent", e.consent().map(SubjectRequests::consent).orElse(null));
            m.put("optOut", e.optOut().map(SubjectRequests::optOut).orElse(null));
            m.put("replayFingerprints", e.fingerprintCount());
            m.put("blocklistEntries", e.blocklistEntries());
            m.put("erasures", e.tombstones().stream().map(SubjectRequests::tombstone).toList());
            m.put("auditTrail", e.auditTrail().stream().map(SubjectRequests::event).toList());
            m.put("transactions", txs.stream().map(SubjectRequests::transaction).toList());
            return m;
        }, blocking);
    }

    /** The audit trail naming {@code biokey}, oldest first (the reading itself is audited first). */
    public CompletableFuture<Map<String, Object>> audit(String biokey, String actor) {
        return CompletableFuture.supplyAsync(() -> {
            store.audit(new AuditEvent(clock.instant(), AuditAction.EXPORT, biokey, actor, "admin api: audit trail read"));
            List<AuditEvent> events = store.auditTrail(biokey, MAX_ROWS);
            log.info("[admin actor={} subject={}] audit trail read: {} event(s)", actor, shortly(store.pseudonym(biokey)),
                    events.size());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("events", events.stream().map(SubjectRequests::event).toList());
            m.put("erasures", store.tombstones(biokey).stream().map(SubjectRequests::tombstone).toList());
            return m;
        }, blocking);
    }

    /** The first 16 hex digits of a pseudonym: enough to find the store's rows, short in a log line. */
    static String shortly(String pseudonym) {
        return pseudonym.substring(0, Math.min(16, pseudonym.length()));
    }

    private static Map<String, Object> consent(ConsentRecord c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", c.at().toString());
        m.put("method", c.method());
        m.put("recordedBy", c.recordedBy());
        return m;
    }

    private static Map<String, Object> optOut(OptOutRecord o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", o.at().toString());
        m.put("recordedBy", o.recordedBy());
        return m;
    }

    private static Map<String, Object> tombstone(Tombstone t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("erasedAt", t.erasedAt().toString());
        m.put("erasedBy", t.erasedBy());
        return m;
    }

    private static Map<String, Object> event(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        m.put("action", e.action().name());
        m.put("actor", e.actor());
        m.put("detail", e.detail());
        return m;
    }

    private static Map<String, Object> transaction(TransactionLog.Entry t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.transactionId());
        m.put("conversationId", t.conversationId());
        m.put("agentUserId", t.agentUserId());
        m.put("kind", t.kind());
        m.put("state", t.state());
        m.put("netSpeechSeconds", t.netSpeechSeconds());
        m.put("startedAt", t.startedAt().toString());
        m.put("endedAt", t.endedAt() == null ? null : t.endedAt().toString());
        m.put("results", new LinkedHashMap<>(t.results()));
        return m;
    }
}
