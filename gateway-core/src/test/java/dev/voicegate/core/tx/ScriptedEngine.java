package dev.voicegate.core.tx;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.BlocklistCheck;
import dev.voicegate.biometrics.api.EnrollmentResult;
import dev.voicegate.biometrics.api.Liveness;
import dev.voicegate.biometrics.api.Search;
import dev.voicegate.biometrics.api.SpeakerChange;
import dev.voicegate.biometrics.api.Verification;
import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.frontend.SpeechQuality;
import dev.voicegate.biometrics.store.Blocklist;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link VoiceprintEngine} whose analyses end with a result the test supplies (by completing
 * {@link Scripted#result}), for tests about how the transaction layer handles a given result:
 * alerts, identity state, clean-up, what reaches the agent and the write-back. Never for tests
 * about biometrics (those use the real engine). It records requests, fed samples and closes.
 */
final class ScriptedEngine implements VoiceprintEngine {
    final List<Scripted> analyses = new CopyOnWriteArrayList<>();
    final CompletableFuture<EnrollmentResult> enrollment = new CompletableFuture<>();

    /** One analysis; its final result is whatever the test completes {@link #result} with. */
    static final class Scripted implements Analysis {
        final AnalysisRequest request;
        final CompletableFuture<AnalysisResult> result = new CompletableFuture<>();
        volatile int fedSamples;
        volatile boolean finished;
        volatile boolean closed;

        Scripted(AnalysisRequest request) {
            this.request = request;
        }

        @Override
        public synchronized void feed(short[] customer, short[] agent) {
            if (finished || closed) {
                throw new IllegalStateException("feed after " + (closed ? "close" : "finish"));
            }
            fedSamples += customer.length;
        }

        @Override
        public AnalysisResult interim() {
            return result(false, 0, null, null, BlocklistCheck.NONE, SpeakerChange.NONE, null);
        }

        @Override
        public CompletableFuture<AnalysisResult> finish() {
            finished = true;
            return result;
        }

        @Override
        public AnalysisRequest request() {
            return request;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A final result with {@code netSpeech} seconds of speech. */
    static AnalysisResult result(boolean isFinal, double netSpeech, Verification v, Search s, BlocklistCheck b,
                                 SpeakerChange sc, Liveness l) {
        return new AnalysisResult(isFinal, new SpeechQuality(netSpeech, netSpeech, 20, 0, 0), netSpeech >= 20, v, s, b, sc, l);
    }

    Scripted last() {
        return analyses.get(analyses.size() - 1);
    }

    @Override
    public Analysis newAnalysis(AnalysisRequest request) {
        Scripted s = new Scripted(request);
        analyses.add(s);
        return s;
    }

    @Override
    public CompletableFuture<EnrollmentResult> enroll(Analysis analysis, Set<String> biokeys, String by,
                                                      dev.voicegate.biometrics.store.ConsentRecord consent) {
        return enrollment;
    }

    @Override
    public CompletableFuture<EnrollmentResult> enroll(Analysis analysis, Set<String> biokeys, String by) {
        return enrollment;
    }

    @Override
    public CompletableFuture<Blocklist> createBlocklist(String listId, String name, String by) {
        throw new UnsupportedOperationException("not scripted: createBlocklist");
    }

    @Override
    public CompletableFuture<Void> addToBlocklist(String listId, String fraudsterId, Analysis analysis, String sourceBiokey, String by) {
        throw new UnsupportedOperationException("not scripted: addToBlocklist");
    }

    @Override
    public CompletableFuture<Boolean> removeFromBlocklist(String listId, String fraudsterId, String by) {
        throw new UnsupportedOperationException("not scripted: removeFromBlocklist");
    }

    @Override
    public CompletableFuture<List<Blocklist>> blocklists() {
        throw new UnsupportedOperationException("not scripted: blocklists");
    }

    @Override
    public int indexedVoiceprints() {
        return 0;
    }

    @Override
    public void forget(String biokey) {
    }

    @Override
    public void close() {
    }
}
