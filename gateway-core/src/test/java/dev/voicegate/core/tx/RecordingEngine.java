package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.store.Blocklist;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a real {@link VoiceprintEngine} and records the analyses it hands out (request, closed or
 * not): every result comes from the wrapped engine.
 */
final class RecordingEngine implements VoiceprintEngine {
    private final VoiceprintEngine engine;
    final List<Recorded> analyses = new CopyOnWriteArrayList<>();

    RecordingEngine(VoiceprintEngine engine) {
        this.engine = engine;
    }

    /** One analysis handed to the transaction layer. */
    static final class Recorded implements Analysis {
        final Analysis real;
        volatile boolean closed;

        Recorded(Analysis real) {
            this.real = real;
        }

        @Override
        public void feed(short[] customer, short[] agent) {
            real.feed(customer, agent);
        }

        @Override
        public AnalysisResult interim() {
            return real.interim();
        }

        @Override
        public CompletableFuture<AnalysisResult> finish() {
            return real.finish();
        }

        @Override
        public AnalysisRequest request() {
            return real.request();
        }

        @Override
        public void close() {
            closed = true;
            real.close();
        }
    }

    List<AnalysisRequest> requests() {
        return analyses.stream().map(Analysis::request).toList();
    }

    private static Analysis unwrap(Analysis a) {
        return a instanceof Recorded r ? r.real : a;
    }

    @Override
    public Analysis newAnalysis(AnalysisRequest request) {
        Recorded r = new Recorded(engine.newAnalysis(request));
        analyses.add(r);
        return r;
    }

    @Override
    public CompletableFuture<EnrollmentResult> enroll(Analysis analysis, Set<String> biokeys, String by,
                                                      dev.voicegate.biometrics.store.ConsentRecord consent) {
        return engine.enroll(unwrap(analysis), biokeys, by, consent);
    }

    @Override
    public CompletableFuture<EnrollmentResult> enroll(Analysis analysis, Set<String> biokeys, String by) {
        return engine.enroll(unwrap(analysis), biokeys, by);
    }

    @Override
    public CompletableFuture<Blocklist> createBlocklist(String listId, String name, String by) {
        return engine.createBlocklist(listId, name, by);
    }

    @Override
    public CompletableFuture<Void> addToBlocklist(String listId, String fraudsterId, Analysis analysis, String sourceBiokey, String by) {
        return engine.addToBlocklist(listId, fraudsterId, unwrap(analysis), sourceBiokey, by);
    }

    @Override
    public CompletableFuture<Boolean> removeFromBlocklist(String listId, String fraudsterId, String by) {
        return engine.removeFromBlocklist(listId, fraudsterId, by);
    }

    @Override
    public CompletableFuture<List<Blocklist>> blocklists() {
        return engine.blocklists();
    }

    @Override
    public int indexedVoiceprints() {
        return engine.indexedVoiceprints();
    }

    @Override
    public void forget(String biokey) {
        engine.forget(biokey);
    }

    @Override
    public void close() {
        engine.close();
    }
}
