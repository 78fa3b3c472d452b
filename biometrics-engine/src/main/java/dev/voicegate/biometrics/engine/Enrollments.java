package dev.voicegate.biometrics.engine;

import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.api.EnrollmentResult.Outcome;
import dev.voicegate.biometrics.api.TemplateVersionException;
import dev.voicegate.biometrics.api.Voiceprint;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.store.Blocklist;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.ConsentRequiredException;
import dev.voicegate.biometrics.store.FraudsterEntry;
import dev.voicegate.biometrics.store.OptedOutException;
import dev.voicegate.biometrics.store.StoreException;
import dev.voicegate.biometrics.store.StoredVoiceprint;
import dev.voicegate.biometrics.store.VoiceprintStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrollment and blocklist administration of {@link DefaultVoiceprintEngine}: the store rules
 * (consent, opt-out) are checked first for a clear outcome and enforced again by the store inside
 * its write transaction; enrollment accumulates into an existing voiceprint of the same engine
 * version and replaces one of an older version. All store work runs on the engine's executor.
 */
final class Enrollments {

    private static final Logger LOG = LoggerFactory.getLogger(Enrollments.class);

    private final DefaultVoiceprintEngine engine;
    private final VoiceprintStore store;
    private final VoiceprintExtractor extractor;

    Enrollments(DefaultVoiceprintEngine engine) {
        this.engine = engine;
        this.store = engine.store();
        this.extractor = engine.extractor();
    }

    /** @param consent consent given with this enrollment, recorded only with the voiceprint; or null */
    CompletableFuture<EnrollmentResult> enroll(CallAnalysis analysis, Set<String> biokeys, String by,
                                               ConsentRecord consent) {
        return analysis.snapshot().thenCompose(snap -> enroll(snap, biokeys, by, consent));
    }

    private CompletableFuture<EnrollmentResult> enroll(CallAnalysis.Snapshot snap, Set<String> biokeys, String by,
                                                       ConsentRecord consent) {
        double net = snap.netSpeechSeconds();
        if (snap.overloaded()) {
            Map<String, Outcome> out = new LinkedHashMap<>();
            biokeys.forEach(k -> out.put(k, Outcome.ERROR));
            return CompletableFuture.completedFuture(new EnrollmentResult(true, net, out));
        }
        boolean adequate = net >= engine.config().minEnrollSpeech().toMillis() / 1000.0;
        if (!adequate || snap.embedding() == null) {
            Map<String, Outcome> out = new LinkedHashMap<>();
            biokeys.forEach(k -> out.put(k, Outcome.NOT_ENOUGH_SPEECH));
            return CompletableFuture.completedFuture(new EnrollmentResult(false, net, out));
        }
        Voiceprint fresh = Voiceprint.of(extractor, snap.embedding(), net);
        return engine.submit(() -> {
            Map<String, Outcome> out = new LinkedHashMap<>();
            for (String biokey : biokeys) {
                out.put(biokey, enrollOne(biokey, fresh, by, consent));
            }
            return new EnrollmentResult(true, net, out);
        }, () -> {
            Map<String, Outcome> out = new LinkedHashMap<>();
            biokeys.forEach(k -> out.put(k, Outcome.ERROR));
            return new EnrollmentResult(true, net, out);
        });
    }

    private Outcome enrollOne(String biokey, Voiceprint fresh, String by, ConsentRecord consent) {
        try {
            if (store.isOptedOut(biokey)) {
                return Outcome.OPTED_OUT;
            }
            if (consent == null && store.consent(biokey).isEmpty()) {
                return Outcome.NO_CONSENT;
            }
            Optional<StoredVoiceprint> existing = store.get(biokey);
            Voiceprint merged = fresh;
            Outcome outcome = Outcome.ENROLLED;
            int calls = 1;
            if (existing.isPresent()) {
                try {
                    merged = Voiceprint.fromBytes(existing.get().template(), extractor).merge(fresh);
                    outcome = Outcome.UPDATED;
                    calls = existing.get().enrolledCalls() + 1;
                } catch (TemplateVersionException e) {
                    outcome = Outcome.REPLACED_OLD_VERSION;
                }
            }
            StoredVoiceprint record = new StoredVoiceprint(biokey, extractor.engineId(), extractor.engineVersion(),
                    merged.toBytes(), merged.netSpeechSeconds(), calls, engine.clock().instant());
            if (consent == null) {
                store.put(record, by);
            } else {
                store.put(record, by, consent);
            }
            engine.indexVoiceprint(record, merged);
            return outcome;
        } catch (ConsentRequiredException e) {
            return Outcome.NO_CONSENT;
        } catch (OptedOutException e) {
            return Outcome.OPTED_OUT;
        } catch (StoreException | IllegalStateException e) {
            LOG.warn("[biometrics] enrollment failed: {}", e.getClass().getSimpleName());
            return Outcome.ERROR;
        }
    }

    CompletableFuture<Blocklist> createBlocklist(String listId, String name, String by) {
        return failing(() -> store.createBlocklist(listId, name, engine.clock().instant(), by));
    }

    CompletableFuture<Void> addToBlocklist(String listId, String fraudsterId, CallAnalysis analysis,
                                           String sourceBiokey, String by) {
        return analysis.snapshot().thenCompose(snap -> addToBlocklist(listId, fraudsterId, snap, sourceBiokey, by));
    }

    private CompletableFuture<Void> addToBlocklist(String listId, String fraudsterId, CallAnalysis.Snapshot snap,
                                                   String sourceBiokey, String by) {
        if (snap.overloaded()) {
            return CompletableFuture.failedFuture(new IllegalStateException("blocklist entry: engine overloaded"));
        }
        if (snap.embedding() == null
                || snap.netSpeechSeconds() < engine.config().minVerifySpeech().toMillis() / 1000.0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("blocklist entry: "
                    + snap.netSpeechSeconds() + " s net speech (expected: >= " + engine.config().minVerifySpeech() + ")"));
        }
        Voiceprint vp = Voiceprint.of(extractor, snap.embedding(), snap.netSpeechSeconds());
        Instant now = engine.clock().instant();
        return failing(() -> {
            store.putFraudster(new FraudsterEntry(listId, fraudsterId, extractor.engineId(), extractor.engineVersion(),
                    vp.toBytes(), now, by, sourceBiokey));
            engine.indexBlocklistEntry(listId, fraudsterId, vp, sourceBiokey);
            return null;
        });
    }

    CompletableFuture<Boolean> removeFromBlocklist(String listId, String fraudsterId, String by) {
        return failing(() -> {
            boolean existed = store.removeFraudster(listId, fraudsterId, engine.clock().instant(), by);
            engine.unindexBlocklistEntry(listId, fraudsterId);
            return existed;
        });
    }

    CompletableFuture<List<Blocklist>> blocklists() {
        return failing(store::blocklists);
    }

    /** Runs on the executor; a full executor fails the future with an "overloaded" exception. */
    private <T> CompletableFuture<T> failing(java.util.function.Supplier<T> task) {
        CompletableFuture<T> overloaded = new CompletableFuture<>();
        CompletableFuture<CompletableFuture<T>> f = engine.submit(() -> {
            try {
                return CompletableFuture.completedFuture(task.get());
            } catch (RuntimeException e) {
                return CompletableFuture.<T>failedFuture(e);
            }
        }, () -> {
            overloaded.completeExceptionally(new CompletionException(new IllegalStateException("overloaded")));
            return overloaded;
        });
        return f.thenCompose(x -> x);
    }
}
