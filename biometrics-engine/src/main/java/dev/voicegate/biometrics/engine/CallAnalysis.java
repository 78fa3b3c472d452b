package dev.voicegate.biometrics.engine;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.BioResult;
import dev.voicegate.biometrics.api.BlocklistCheck;
import dev.voicegate.biometrics.api.FeaturePipeline;
import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.SpeakerChange;
import dev.voicegate.biometrics.api.Verification;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.frontend.FrontEnd;
import dev.voicegate.biometrics.frontend.Resampler16To8;
import dev.voicegate.biometrics.frontend.SpeechQuality;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * One call's streaming analysis (see {@link Analysis} for the threading contract).
 *
 * <p>Per chunk, on the caller's thread: the shared {@link FrontEnd} (speech quality and net speech, crosstalk
 * removal against the agent channel, the replay fingerprint's log-mel frames) and, when the extractor brings one,
 * its own {@link FeaturePipeline} (the x-vector's Kaldi MFCC, VAD and CMN). The extractor's frames (the pipeline's,
 * minus frames the shared front end judged agent crosstalk; or else the shared front end's speech frames) go to
 * the call's accumulator, and the speaker-change tracker snapshots that accumulator every second of speech.
 *
 * <p>A {@linkplain VoiceprintExtractor#heavyAccumulation heavy} extractor (the x-vector network) is never run on
 * the caller's thread: frames are copied into batches of {@value #BATCH_FRAMES} (1 s of speech) and handed, in
 * order, to a per-analysis serial task on the engine's bounded executor (at most one task per analysis runs at a
 * time; at most {@value #MAX_PENDING_BATCHES} batches wait, more mark the analysis overloaded and its result
 * ERROR "overloaded"). After each batch the task publishes the embedding and speaker-change state that
 * {@link #interim()} reads, so interim results lag the audio by the pipeline's look-ahead plus up to one batch.
 * {@link #finish()} flushes the front ends, queues the last partial batch and computes the final embedding at the
 * end of that queue. A light extractor (GMM) accumulates inline, as before.
 *
 * <p>Net speech ({@link SpeechQuality#netSpeechSeconds()}, which the speech thresholds and template weights use)
 * is the shared front end's (its VAD minus crosstalk), whichever extractor runs.
 */
final class CallAnalysis implements Analysis {

    static final int BATCH_FRAMES = 100;
    static final int MAX_PENDING_BATCHES = 32;
    /** Crosstalk decisions remembered: more than the pipeline's look-ahead (300 frames) plus one slice. */
    private static final int CROSSTALK_RING = 512;
    /** Chunks longer than this are fed in slices so that the crosstalk ring is not overrun. */
    private static final int SLICE = 1600;

    private final DefaultVoiceprintEngine engine;
    private final EngineConfig config;
    private final AnalysisRequest request;
    private final VoiceprintExtractor extractor;
    private final FrontEnd frontEnd;
    private final FeaturePipeline pipeline;
    private final FrameAccumulator total;
    private final SpeakerChangeTracker speakerChange;
    private final AudioFingerprint fingerprint;
    private final Resampler16To8 customerResampler;
    private final Resampler16To8 agentResampler;
    private final CompletableFuture<Claimed> claimed;
    private final boolean[] crosstalk = new boolean[CROSSTALK_RING];
    private long crosstalkFrames;
    private volatile AnalysisState state = AnalysisState.ACTIVE;
    private CompletableFuture<AnalysisResult> finalResult;
    private CompletableFuture<Features> features;

    // off-thread accumulation (heavy extractors)
    private final boolean offThread;
    private float[] batch;
    private long[] batchIndex;
    private int batchRows;
    private int frameDim = -1;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;
    private volatile boolean overloaded;
    private volatile float[] published;
    private volatile SpeakerChange publishedChange = SpeakerChange.NONE;

    CallAnalysis(DefaultVoiceprintEngine engine, AnalysisRequest request, CompletableFuture<Claimed> claimed) {
        this.engine = engine;
        this.config = engine.config();
        this.request = request;
        this.claimed = claimed;
        this.extractor = engine.extractor();
        this.offThread = extractor.heavyAccumulation();
        this.total = extractor.newAccumulator();
        this.speakerChange = new SpeakerChangeTracker(extractor, config.speakerChangeThreshold());
        this.pipeline = extractor.newFeaturePipeline((f, i) -> {
            if (!crosstalkAt(i)) {
                frame(f, i);
            }
        });
        this.frontEnd = new FrontEnd(config.frontEnd(), pipeline == null ? this::frame : (f, i) -> { });
        if (pipeline != null) {
            frontEnd.setCrosstalkListener((i, x) -> {
                crosstalk[(int) (i % CROSSTALK_RING)] = x;
                crosstalkFrames = i + 1;
            });
        }
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
        if (pipeline == null || c.length <= SLICE) {
            frontEnd.accept(c, a);
            if (pipeline != null) {
                pipeline.accept(c);
            }
            return;
        }
        for (int off = 0; off < c.length; off += SLICE) {
            int end = Math.min(c.length, off + SLICE);
            short[] as = a == null ? null
                    : Arrays.copyOfRange(a, Math.min(off, a.length), end >= c.length ? a.length : Math.min(end, a.length));
            short[] cs = Arrays.copyOfRange(c, off, end);
            frontEnd.accept(cs, as);
            pipeline.accept(cs);
        }
    }

    /**
     * Feeds a whole recording in 1 s chunks, waiting whenever half the batch queue is taken, so that a tool
     * feeding faster than real time is not turned away as overloaded. Blocks: never call it on an event loop.
     */
    void feedRecording(short[] customer) throws InterruptedException {
        int chunk = request.sampleRate();
        for (int at = 0; at < customer.length; at += chunk) {
            feed(Arrays.copyOfRange(customer, at, Math.min(customer.length, at + chunk)), null);
            synchronized (tasks) {
                while (draining && tasks.size() > MAX_PENDING_BATCHES / 2) {
                    tasks.wait();
                }
            }
        }
    }

    /** Whether the shared front end judged frame {@code i} agent crosstalk (unknown frames count as not). */
    private boolean crosstalkAt(long i) {
        return i < crosstalkFrames && i >= crosstalkFrames - CROSSTALK_RING && crosstalk[(int) (i % CROSSTALK_RING)];
    }

    /** One extractor frame, in order (caller's thread). */
    private void frame(float[] f, long i) {
        if (!offThread) {
            total.accept(f);
            speakerChange.frameAdded(i, total);
            return;
        }
        if (batch == null) {
            frameDim = f.length;
            batch = new float[BATCH_FRAMES * frameDim];
            batchIndex = new long[BATCH_FRAMES];
        }
        System.arraycopy(f, 0, batch, batchRows * frameDim, frameDim);
        batchIndex[batchRows++] = i;
        if (batchRows == BATCH_FRAMES) {
            handOff(false);
        }
    }

    /** Queues the current batch (if any) for the serial task. */
    private void handOff(boolean last) {
        if (batchRows == 0) {
            return;
        }
        float[] data = Arrays.copyOf(batch, batchRows * frameDim);
        long[] idx = Arrays.copyOf(batchIndex, batchRows);
        batchRows = 0;
        enqueue(() -> accumulate(data, idx), last);
    }

    /** Worker side: runs a batch through the accumulator, then publishes what {@link #interim()} shows. */
    private void accumulate(float[] data, long[] idx) {
        float[] row = new float[frameDim];
        for (int r = 0; r < idx.length; r++) {
            System.arraycopy(data, r * frameDim, row, 0, frameDim);
            total.accept(row);
            speakerChange.frameAdded(idx[r], total);
        }
        published = total.frames() > 0 ? total.embedding() : null;
        publishedChange = speakerChange.state();
    }

    /**
     * Adds a task to this analysis's serial queue and starts the drain if idle. {@code mustRun} tasks (the final
     * ones) pass the bound.
     */
    private void enqueue(Runnable task, boolean mustRun) {
        boolean start;
        synchronized (tasks) {
            if (!mustRun && tasks.size() >= MAX_PENDING_BATCHES) {
                overloaded = true;
                return;
            }
            tasks.addLast(task);
            start = !draining;
            draining = true;
        }
        if (start && !engine.execute(this::drain)) {
            overloaded = true;
            Runnable[] left;
            synchronized (tasks) {
                left = tasks.toArray(Runnable[]::new);
                tasks.clear();
                draining = false;
            }
            // the final task must still complete its future; batches are dropped (the analysis is overloaded)
            for (Runnable r : left) {
                if (r instanceof Final f) {
                    f.run();
                }
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.pollFirst();
                tasks.notifyAll(); // a tool waiting in feedRecording
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            if (overloaded && !(next instanceof Final)) {
                continue;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                overloaded = true; // never leave the final future hanging; the result reports an error
                org.slf4j.LoggerFactory.getLogger(CallAnalysis.class).warn("[biometrics] accumulation failed: {}",
                        e.toString());
            }
        }
    }

    /** The last task of an analysis: completes {@link #features}. */
    private final class Final implements Runnable {
        private final CompletableFuture<Features> done;

        Final(CompletableFuture<Features> done) {
            this.done = done;
        }

        @Override
        public void run() {
            if (overloaded) {
                done.complete(new Features(null, speakerChange.state(), true));
                return;
            }
            try {
                done.complete(new Features(total.frames() > 0 ? total.embedding() : null, speakerChange.state(), false));
            } catch (RuntimeException e) {
                done.complete(new Features(null, speakerChange.state(), true));
            }
        }
    }

    /** The call's final embedding (null without speech), speaker-change state, and whether frames were dropped. */
    private record Features(float[] embedding, SpeakerChange speakerChange, boolean overloaded) {
    }

    @Override
    public AnalysisResult interim() {
        SpeechQuality q = frontEnd.quality();
        float[] embedding;
        SpeakerChange change;
        if (offThread) {
            embedding = published;
            change = publishedChange;
        } else {
            embedding = total.frames() > 0 ? total.embedding() : null;
            change = speakerChange.state();
        }
        Claimed c = claimed.isDone() && !claimed.isCompletedExceptionally() ? claimed.join() : null;
        return new AnalysisResult(false, q, adequate(q), verification(q, embedding, c, false),
                null, blocklist(q, embedding), change, null);
    }

    /** Ends the audio (once) and returns the future of the final features. */
    private synchronized CompletableFuture<Features> endAudio() {
        if (features != null) {
            return features;
        }
        if (state == AnalysisState.ACTIVE) {
            state = state.transitionTo(AnalysisState.FINISHED);
        }
        frontEnd.flush();
        if (pipeline != null) {
            pipeline.finish();
        }
        features = new CompletableFuture<>();
        if (offThread) {
            handOff(true);
            enqueue(new Final(features), true);
        } else {
            new Final(features).run();
        }
        return features;
    }

    @Override
    public synchronized CompletableFuture<AnalysisResult> finish() {
        if (finalResult != null) {
            return finalResult;
        }
        if (state == AnalysisState.CLOSED) {
            state.transitionTo(AnalysisState.FINISHED); // throws: a closed analysis has no result
        }
        CompletableFuture<Features> f = endAudio();
        SpeechQuality q = frontEnd.quality();
        byte[] print = fingerprint == null ? null : fingerprint.toBytes();
        int[] codes = fingerprint == null ? null : fingerprint.codes();
        finalResult = f.thenCompose(feat -> feat.overloaded()
                ? CompletableFuture.completedFuture(overloadedResult(q, feat.speakerChange()))
                : claimed.thenCompose(c -> engine.submit(() -> {
                    float[] embedding = feat.embedding();
                    Verification v = verification(q, embedding, c, true);
                    return new AnalysisResult(true, q, adequate(q), v,
                            request.identify() ? engine.identify(embedding, q.netSpeechSeconds()) : null,
                            blocklist(q, embedding), feat.speakerChange(),
                            c == null ? null : engine.liveness(request.claimedBiokey(), codes, print, c, v));
                }, () -> overloadedResult(q, feat.speakerChange()))));
        return finalResult;
    }

    private AnalysisResult overloadedResult(SpeechQuality q, SpeakerChange change) {
        return new AnalysisResult(true, q, adequate(q), error("overloaded"),
                request.identify() ? DefaultVoiceprintEngine.searchError("overloaded") : null,
                BlocklistCheck.NONE, change, null);
    }

    /** Net speech and embedding once the audio has ended (for enrollment and blocklist entries); ends it if needed. */
    CompletableFuture<Snapshot> snapshot() {
        CompletableFuture<Features> f;
        synchronized (this) {
            f = endAudio();
        }
        double net = frontEnd.quality().netSpeechSeconds();
        return f.thenApply(feat -> new Snapshot(net, feat.embedding(), feat.overloaded()));
    }

    /** Final speech amount and embedding of an analysis; {@code overloaded}: frames were dropped, do not use it. */
    record Snapshot(double netSpeechSeconds, float[] embedding, boolean overloaded) {
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
        double raw = extractor.rawScore(c.voiceprint().direction(), embedding);
        double score = extractor.calibrate(raw);
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
