package dev.voicegate.biometrics.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Persistent store of everything biometric the engine keeps about a person, keyed by <em>biokey</em>
 * (customer id, account number or E.164 number): voiceprint templates, consent, opt-outs, replay
 * fingerprints, erasure tombstones, blocklists of fraudster voiceprints, and an audit trail
 * (issue 4 §4, architecture §6).
 *
 * <p><b>Threading.</b> Every method is thread-safe and <b>blocking</b> (JDBC or network I/O): call it
 * from a bounded worker executor, never from a Netty event loop or an analysis' feeding thread.
 *
 * <p><b>Privacy.</b> Templates and fingerprints are encrypted at rest by implementations
 * (AES-256-GCM, key id per record), and biokeys are stored only as keyed pseudonyms (HMAC-SHA256),
 * with one encrypted copy per person where the store must name them unasked (1:N index, retention
 * candidates, listings). Implementations never log templates, fingerprints or biokeys.
 * Byte arrays passed in are copied; byte arrays returned are fresh copies owned by the caller.
 *
 * <p><b>Rules enforced by the store</b> (inside the same transaction as the write, so no
 * check-then-act race is possible):
 * <ul>
 *   <li>{@link #put} requires recorded consent ({@link ConsentRequiredException}) and refuses an
 *       opted-out biokey ({@link OptedOutException});</li>
 *   <li>{@link #optOut} deletes the voiceprint and fingerprints and blocks future consent,
 *       enrollment and fingerprints for that biokey, permanently (also across {@link #erase});</li>
 *   <li>{@link #erase} removes every artefact of a biokey in one transaction and leaves only a
 *       {@link Tombstone}.</li>
 * </ul>
 *
 * <p>Failures are {@link StoreException}s (unchecked); a record that cannot be decrypted raises
 * {@link KeyNotConfiguredException} or {@link RecordIntegrityException}, never wrong data.
 */
public interface VoiceprintStore extends AutoCloseable {

    // ---- voiceprints --------------------------------------------------------------------------

    /** The voiceprint stored under {@code biokey}, decrypted, or empty when none is enrolled. */
    Optional<StoredVoiceprint> get(String biokey);

    /**
     * Atomically inserts or replaces the voiceprint of {@code voiceprint.biokey()} and records an
     * {@link AuditAction#ENROLL} event by {@code by}.
     *
     * @throws ConsentRequiredException when no consent is recorded for the biokey
     * @throws OptedOutException when the biokey opted out (now or before an erasure)
     */
    void put(StoredVoiceprint voiceprint, String by);

    /**
     * Like {@link #put}, but only if the stored voiceprint is still exactly {@code expected} (empty:
     * none stored), checked and written in one transaction. For read-merge-write enrollment: when two
     * calls of the same person end at once, the second sees {@code false}, re-reads and merges again
     * instead of overwriting the first one's speech.
     *
     * @return whether it was written
     * @throws ConsentRequiredException when no consent is recorded for the biokey
     * @throws OptedOutException when the biokey opted out
     */
    boolean putIfUnchanged(StoredVoiceprint voiceprint, Optional<StoredVoiceprint> expected, String by);

    /**
     * Like {@link #put}, for consent given together with this enrollment: records {@code consent} and
     * the voiceprint in one transaction, so the consent is stored only when the enrollment is (an
     * enrollment that fails leaves no consent record). Consent already recorded is replaced.
     *
     * @throws OptedOutException when the biokey opted out (nothing is recorded)
     */
    void put(StoredVoiceprint voiceprint, String by, ConsentRecord consent);

    /**
     * {@link #putIfUnchanged} with consent given together with this enrollment: the consent is
     * recorded only if the voiceprint is written, in the same transaction.
     *
     * @return whether it was written (and the consent recorded)
     * @throws OptedOutException when the biokey opted out
     */
    boolean putIfUnchanged(StoredVoiceprint voiceprint, Optional<StoredVoiceprint> expected, String by,
                           ConsentRecord consent);

    /**
     * Puts many voiceprints (imports, moving to another store). The embedded store does it in one
     * transaction, all or nothing; this default puts them one by one (not atomic). Same rules and
     * exceptions as {@link #put}; at most {@value #MAX_BATCH} per call.
     */
    default void putAll(Collection<StoredVoiceprint> voiceprints, String by) {
        if (voiceprints.size() > MAX_BATCH) {
            throw new IllegalArgumentException("voiceprints: " + voiceprints.size() + " (expected: <= " + MAX_BATCH + ")");
        }
        voiceprints.forEach(v -> put(v, by));
    }

    /** Most voiceprints {@link #putAll} takes in one call (bounds one transaction's size and duration). */
    int MAX_BATCH = 10_000;

    /** Deletes the voiceprint only (consent and fingerprints stay); audited. @return whether one existed */
    boolean deleteVoiceprint(String biokey, Instant at, String by);

    /**
     * Streams every stored voiceprint, decrypted, to {@code sink} (e.g. to build an in-memory 1:N
     * index). Rows that cannot be decrypted are skipped and counted, so one bad row never hides
     * the others. The sink runs on the calling thread inside a read snapshot that holds one reader
     * connection; keep it cheap and never call the store from it (with a pool of one reader that
     * would wait for its own connection until the pool's timeout).
     */
    ScanResult forEachVoiceprint(Consumer<StoredVoiceprint> sink);

    /** Number of stored voiceprints. */
    long countVoiceprints();

    /** When the voiceprint of {@code biokey} was last enrolled ({@code BioUserLatestEnrolment}). */
    Optional<Instant> latestEnrollment(String biokey);

    /**
     * Biokeys whose voiceprint was last enrolled before {@code cutoff} and that have no audit event
     * (verify, identify, consent, ...) at or after it, oldest first, at most {@code limit}: the
     * candidates of a retention job (BIPA §15(a): destroy within 3 years of the last interaction),
     * which decides and calls {@link #erase} for each.
     */
    List<String> idleVoiceprints(Instant cutoff, int limit);

    // ---- consent and opt-out ------------------------------------------------------------------

    /**
     * Records (replaces) the consent of {@code biokey}; audited as {@link AuditAction#CONSENT}.
     *
     * @throws OptedOutException when the biokey opted out: an opt-out is never lifted by the store
     */
    void recordConsent(String biokey, ConsentRecord consent);

    /** The latest consent of {@code biokey}, if any. */
    Optional<ConsentRecord> consent(String biokey);

    /**
     * Records that {@code biokey} opted out, deletes its voiceprint and replay fingerprints, and blocks
     * future consent, enrollment and fingerprints; audited as {@link AuditAction#OPT_OUT}. The consent
     * record stays (evidence that the earlier processing was lawful) until {@link #erase}. Idempotent
     * (the first opt-out's time is kept).
     *
     * @return whether a voiceprint was deleted
     */
    boolean optOut(String biokey, Instant at, String by);

    /** Whether {@code biokey} opted out (including an opt-out preserved in an erasure tombstone). */
    boolean isOptedOut(String biokey);

    /** The opt-out of {@code biokey} (live or preserved in a tombstone), if any. */
    Optional<OptOutRecord> optOutRecord(String biokey);

    // ---- replay fingerprints ------------------------------------------------------------------

    /**
     * Adds a replay fingerprint for {@code biokey}, keeping only the newest N per biokey
     * (N = {@code StoreConfig.fingerprintCap}; older ones are deleted in the same transaction).
     *
     * @throws OptedOutException when the biokey opted out
     */
    void addReplayFingerprint(String biokey, ReplayFingerprint fingerprint);

    /** Replay fingerprints of {@code biokey}, newest first (at most N). */
    List<ReplayFingerprint> replayFingerprints(String biokey);

    // ---- blocklists ---------------------------------------------------------------------------

    /**
     * Creates an empty blocklist; audited.
     *
     * @throws DuplicateRecordException when {@code listId} exists
     */
    Blocklist createBlocklist(String listId, String name, Instant at, String by);

    /** All blocklists, ordered by id. */
    List<Blocklist> blocklists();

    /** Deletes a blocklist and all its entries; audited. @return whether the list existed */
    boolean deleteBlocklist(String listId, Instant at, String by);

    /**
     * Inserts or replaces a fraudster entry; audited.
     *
     * @throws UnknownRecordException when the entry's list does not exist
     */
    void putFraudster(FraudsterEntry entry);

    /** Removes a fraudster entry; audited. @return whether it existed */
    boolean removeFraudster(String listId, String fraudsterId, Instant at, String by);

    /**
     * Entries of one blocklist, decrypted, ordered by fraudster id.
     *
     * @throws UnknownRecordException when the list does not exist
     */
    List<FraudsterEntry> fraudsters(String listId);

    // ---- erasure, export, audit ---------------------------------------------------------------

    /**
     * Erases every artefact of {@code biokey} in one transaction: voiceprint, replay fingerprints,
     * consent, live opt-out row, blocklist entries whose {@link FraudsterEntry#sourceBiokey()} is
     * the biokey, and audit events naming it. Leaves only a {@link Tombstone} recording when and by
     * whom (and the opt-out, if there was one, so the person is never enrolled again). Idempotent.
     */
    ErasureReport erase(String biokey, Instant at, String by);

    /** Erasure tombstones of {@code biokey}, oldest first. */
    List<Tombstone> tombstones(String biokey);

    /**
     * What the store holds about {@code biokey} (no biometric data: templates are summarised, not
     * returned); audited as {@link AuditAction#EXPORT}.
     */
    SubjectExport exportSubject(String biokey, Instant at, String by);

    /** Appends an audit event (callers record VERIFY, IDENTIFY and similar; never biometric data). */
    void audit(AuditEvent event);

    /**
     * The keyed pseudonym of {@code biokey} (lower-case hex of the HMAC-SHA256 the store keys its rows
     * with): lets callers name a person in their own records and logs without the clear biokey, in a
     * form an erasure request can find again. Cheap, no I/O.
     */
    String pseudonym(String biokey);

    /**
     * The voiceprint of the biokey with keyed pseudonym {@code pseudonym} (as {@link #pseudonym} gives it), with
     * its clear biokey from the store's sealed copy; empty when there is none (never enrolled, deleted, opted out
     * or erased). For an index that learns of a change by pseudonym only ({@link IndexChanges}).
     *
     * @throws IllegalArgumentException when {@code pseudonym} is not 64 lower-case hex digits
     */
    Optional<StoredVoiceprint> voiceprintOf(String pseudonym);

    /**
     * Starts telling {@code sink} about writes made by <em>other</em> processes sharing this store (and, harmlessly,
     * this one's), until the returned handle is closed. The embedded store has no other writer: it returns a handle
     * that does nothing. The PostgreSQL store listens on a dedicated connection ({@code LISTEN/NOTIFY}); when this
     * method returns the listener is registered, so every write committed afterwards is announced.
     */
    default AutoCloseable followChanges(IndexChanges sink) {
        return () -> { };
    }

    /** Whether {@link #followChanges} announces other processes' writes (false for the embedded store). */
    default boolean sharedWithOtherProcesses() {
        return false;
    }

    /** Audit events naming {@code biokey}, oldest first, at most {@code limit}. */
    List<AuditEvent> auditTrail(String biokey, int limit);

    /** Audit events at or after {@code from}, oldest first, at most {@code limit}. */
    List<AuditEvent> auditEvents(Instant from, int limit);

    /**
     * Deletes audit events older than {@code before} (the audit trail's retention; tombstones are
     * kept). The deletion itself is audited. @return the number of events deleted
     */
    int pruneAuditEvents(Instant before, String by);

    // ---- keys ---------------------------------------------------------------------------------

    /**
     * Re-encrypts every encrypted record under {@code newKeyId} (which must be configured) in
     * small batches, each its own transaction; makes {@code newKeyId} the key for new writes.
     * Crash-safe: each record names its own key, so an interrupted run leaves a readable mix and
     * re-running finishes the job. Audited as {@link AuditAction#REENCRYPT}.
     *
     * @throws KeyNotConfiguredException when {@code newKeyId} is not configured
     */
    ReencryptionReport reencryptAll(String newKeyId);

    /**
     * Number of encrypted records per key id (to know when an old key may be retired). The embedded
     * store counts one more use for the key its biokey pseudonymisation key is derived from (when it
     * is derived, see {@code StoreConfig}): that key can never be retired.
     */
    Map<String, Long> keyUsage();

    /** Releases the connection pool. Idempotent; later calls fail with {@link StoreException}. */
    @Override
    void close();
}
