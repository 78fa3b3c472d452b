package dev.voicegate.biometrics.engine;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.BioResult;
import dev.voicegate.biometrics.api.BlocklistCheck;
import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.Verification;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.frontend.FrontEnd;
import dev.voicegate.biometrics.frontend.Resampler16To8;
import dev.voicegate.biometrics.frontend.SpeechQuality;
import java.util.concurrent.CompletableFuture;

/**
 * One call's streaming analysis (see {@link Analysis} for the threading contract). Per chunk it runs
 * the front end, accumulates statistics for the whole call and for speaker-change windows, and
 * builds the replay fingerprint when a biokey is claimed; everything heavier goes through the
 * engine's executor.
 */
final class CallAnalysis implements Analysis {

    private final DefaultVoiceprintEngine engine;
    private final EngineConfig config;
    private final AnalysisRequest request;
    private final FrontEnd frontEnd;
    private final FrameAccumulator total;
    private final SpeakerChangeTracker speakerChange;
    private final AudioFingerprint fingerprint;
    private final Resampler16To8 customerResampler;
    private final Resampler16To8 agentResampler;
    private final CompletableFuture<Claimed> claimed;
    private volatile AnalysisState state = AnalysisState.ACTIVE;
    private CompletableFuture<AnalysisResult> finalResult;

    CallAnalysis(DefaultVoiceprintEngine engine, AnalysisRequest request, CompletableFuture<Claimed> claimed) {
        this.engine = engine;
        this.config = engine.config();
        this.request = request;
        this.claimed = claimed;
        this.total = engine.extractor().newAccumulator();
        this.speakerChange = new SpeakerChangeTracker(engine.extractor(), config.speakerChangeThreshold());
        this.frontEnd = new FrontEnd(config.frontEnd(), (f, i) -> {
            total.accept(f);
            speakerChange.accept(f, i);
        });
        this.fingerprint = request.claimedBiokey() != null ? new AudioFingerprint() : null;
        if (fingerprint != null) {
            frontEnd.setObserver((mel, speech, i) -> fingerprint.accept(mel, speech));
        }
        boolean wide = request.sampleRate() == 16000;
        this.customerResampler = wide ? new Resampler16To8() : null;
        this.agentResampler = wide ? new Resampler16To8() : null;
    }

    @Override
    public AnalysisRequest request() {
        return request;
    }

    @Override
    public void feed(short[] customer, short[] agent) {
        if (state != AnalysisState.ACTIVE) {
            throw new IllegalStateException("analysis is " + state + " (expected: ACTIVE)");
        }
        short[] c = customerResampler == null ? customer : customerResampler.process(customer);
        short[] a = agent == null || agentResampler == null ? agent : agentResampler.process(agent);
        frontEnd.accept(c, a);
    }

    @Override
    public AnalysisResult interim() {
        SpeechQuality q = frontEnd.quality();
        float[] embedding = total.frames() > 0 ? total.embedding() : null;
        Claimed c = claimed.isDone() && !claimed.isCompletedExceptionally() ? claimed.join() : null;
        return new AnalysisResult(false, q, adequate(q), verification(q, embedding, c, false),
                null, blocklist(q, embedding), speakerChange.state(), null);
    }

    @Override
    public synchronized CompletableFuture<AnalysisResult> finish() {
        if (finalResult != null) {
            return finalResult;
        }
        state = state.transitionTo(AnalysisState.FINISHED);
        frontEnd.flush();
        SpeechQuality q = frontEnd.quality();
        float[] embedding = total.frames() > 0 ? total.embedding() : null;
        byte[] print = fingerprint == null ? null : fingerprint.toBytes();
        int[] codes = fingerprint == null ? null : fingerprint.codes();
        finalResult = claimed.thenCompose(c -> engine.submit(() -> {
            Verification v = verification(q, embedding, c, true);
            return new AnalysisResult(true, q, adequate(q), v,
                    request.identify() ? engine.identify(embedding, q.netSpeechSeconds()) : null,
                    blocklist(q, embedding), speakerChange.state(),
                    c == null ? null : engine.liveness(request.claimedBiokey(), codes, print, c, v));
        }, () -> new AnalysisResult(true, q, adequate(q), error("overloaded"),
                request.identify() ? DefaultVoiceprintEngine.searchError("overloaded") : null,
                BlocklistCheck.NONE, speakerChange.state(), null)));
        return finalResult;
    }

    /** Net speech and embedding after {@link #finish()} (for enrollment and blocklist entries). */
    synchronized Snapshot snapshot() {
        if (state == AnalysisState.ACTIVE) {
            finish();
        }
        return new Snapshot(frontEnd.quality().netSpeechSeconds(), total.frames() > 0 ? total.embedding() : null);
    }

    /** Final speech amount and embedding of an analysis. */
    record Snapshot(double netSpeechSeconds, float[] embedding) {
    }

    private boolean adequate(SpeechQuality q) {
        return q.netSpeechSeconds() >= config.minEnrollSpeech().toMillis() / 1000.0;
    }

    private Verification error(String reason) {
        return request.claimedBiokey() == null ? null
                : new Verification(request.claimedBiokey(), BioResult.ERROR, Double.NaN, Double.NaN, reason);
    }

    private Verification verification(SpeechQuality q, float[] embedding, Claimed c, boolean isFinal) {
        String biokey = request.claimedBiokey();
        if (biokey == null) {
            return null;
        }
        double net = q.netSpeechSeconds();
        if (embedding == null || net < config.noDataSpeech().toMillis() / 1000.0) {
            return new Verification(biokey, BioResult.NO_DATA, Double.NaN, Double.NaN, "");
        }
        if (c == null) {
            return new Verification(biokey, BioResult.ERROR, Double.NaN, Double.NaN,
                    isFinal ? "voiceprint could not be loaded" : "voiceprint not loaded yet");
        }
        if (c.voiceprint() == null) {
            return new Verification(biokey, BioResult.ERROR, Double.NaN, Double.NaN, c.problem());
        }
        if (net < config.minVerifySpeech().toMillis() / 1000.0) {
            return new Verification(biokey, BioResult.LOW_DATA, Double.NaN, Double.NaN, "");
        }
        double raw = engine.extractor().rawScore(c.voiceprint().direction(), embedding);
        double score = engine.extractor().calibrate(raw);
        return new Verification(biokey, config.thresholds().classify(score), score, raw, "");
    }

    private BlocklistCheck blocklist(SpeechQuality q, float[] embedding) {
        if (!request.checkBlocklist() || embedding == null
                || q.netSpeechSeconds() < config.minVerifySpeech().toMillis() / 1000.0) {
            return BlocklistCheck.NONE;
        }
        return engine.checkBlocklists(embedding);
    }

    @Override
    public synchronized void close() {
        state = state.transitionTo(AnalysisState.CLOSED);
    }
}
