package dev.voicegate.biometrics.api;

import dev.voicegate.biometrics.store.Blocklist;
import dev.voicegate.biometrics.store.ConsentRecord;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The voiceprint engine (issue 4 §3, architecture §3). Thread-safe. Blocking work (store I/O, 1:N
 * search) runs on a bounded executor owned by the engine; when it is full, the affected future
 * completes with an {@code ERROR} outcome whose reason is {@code "overloaded"}.
 */
public interface VoiceprintEngine extends AutoCloseable {

    /** Starts the analysis of one call's audio; for a claimed biokey its voiceprint is loaded in the background. */
    Analysis newAnalysis(AnalysisRequest request);

    /**
     * Enrolls the analysis' speech under each biokey (consent required, opt-outs refused,
     * accumulating into existing voiceprints). Finishes the analysis if it is not finished.
     *
     * @param by who asked (agent or operator id) for the audit trail
     */
    CompletableFuture<EnrollmentResult> enroll(Analysis analysis, Set<String> biokeys, String by);

    /**
     * Enrolls like {@link #enroll(Analysis, Set, String)} for consent given with this enrollment (an
     * agent ticking "caller agreed", an operator's {@code --record-consent}): {@code consent} is
     * recorded for a biokey only together with its stored voiceprint, in one store transaction. A
     * biokey whose enrollment fails (not enough speech, opted out, error) gets no consent record;
     * consent recorded earlier is left as it was.
     */
    CompletableFuture<EnrollmentResult> enroll(Analysis analysis, Set<String> biokeys, String by, ConsentRecord consent);

    /** Creates a blocklist. */
    CompletableFuture<Blocklist> createBlocklist(String listId, String name, String by);

    /** Adds the analysis' voice to a blocklist as {@code fraudsterId} (needs the verify minimum of speech). */
    CompletableFuture<Void> addToBlocklist(String listId, String fraudsterId, Analysis analysis, String sourceBiokey, String by);

    /** Removes a fraudster; completes with whether it existed. */
    CompletableFuture<Boolean> removeFromBlocklist(String listId, String fraudsterId, String by);

    /** Lists blocklists. */
    CompletableFuture<List<Blocklist>> blocklists();

    /** Number of voiceprints in the in-memory identify index. */
    int indexedVoiceprints();

    /**
     * Drops a biokey from the in-memory indexes after its voiceprint was erased or opted out through
     * the store, so 1:N search stops returning it at once; blocklist entries taken from the biokey
     * (which the store's erase deletes) stop matching at once too. Thread-safe; cheap.
     */
    void forget(String biokey);

    /** Stops the executor (running tasks finish). Idempotent. */
    @Override
    void close();
}
