package dev.voicegate.biometrics.engine;

import static dev.voicegate.biometrics.engine.EngineFixture.A;
import static dev.voicegate.biometrics.engine.EngineFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.BioResult;
import dev.voicegate.biometrics.api.FeaturePipeline;
import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.internal.eval.ClipFeatures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the x-vector extractor: where the network runs, streaming = batch, the analysis queue's bound. */
class XvectorEngineTest {

    @TempDir
    Path dir;

    @Test
    void streamingThroughTheEngineEqualsTheWholeClipInOneBatch() throws Exception {
        short[] pcm = audio(A, "enroll-mulaw.wav");
        VoiceprintExtractor x = EngineFixture.EXTRACTOR;
        FrameAccumulator batch = ClipFeatures.accumulate(x, pcm, ClipFeatures.of(pcm));
        float[] expected = batch.embedding();
        try (EngineFixture f = new EngineFixture(dir)) {
            CallAnalysis a = (CallAnalysis) f.engine.newAnalysis(AnalysisRequest.passive(8000));
            EngineFixture.feed(a, pcm); // 20 ms chunks
            float[] streamed = a.snapshot().get(30, TimeUnit.SECONDS).embedding();
            assertThat(streamed).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(streamed[i]).as("dim %d", i).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-5f));
            }
            a.close();
        }
    }

    @Test
    void theNetworkNeverRunsOnTheFeedingThreadAndInterimShowsPublishedResults() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        VoiceprintExtractor spy = new Delegating(EngineFixture.EXTRACTOR) {
            @Override
            void onAccept() {
                threads.add(Thread.currentThread());
            }
        };
        try (EngineFixture f = new EngineFixture(dir, EngineConfig.DEFAULTS, spy)) {
            f.enroll("cust-a", A);
            try (Analysis a = f.engine.newAnalysis(AnalysisRequest.verify(8000, "cust-a"))) {
                EngineFixture.feed(a, audio(A, "test0-mulaw.wav"));
                AnalysisResult r = a.finish().get(30, TimeUnit.SECONDS);
                assertThat(r.verification().result()).isIn(BioResult.TRUE_LOW, BioResult.TRUE_MEDIUM, BioResult.TRUE_HIGH);
                AnalysisResult interim = a.interim();
                assertThat(interim.verification().score()).isCloseTo(r.verification().score(),
                        org.assertj.core.api.Assertions.within(0.02));
            }
        }
        assertThat(threads).isNotEmpty().doesNotContain(Thread.currentThread());
        assertThat(threads).allSatisfy(t -> assertThat(t.getName()).startsWith("voicegate-biometrics-"));
    }

    @Test
    void aBlockedWorkerMakesTheAnalysisOverloadedInsteadOfQueueingWithoutBound() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        VoiceprintExtractor blocking = new Delegating(EngineFixture.EXTRACTOR) {
            @Override
            void onAccept() {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (EngineFixture f = new EngineFixture(dir, EngineConfig.DEFAULTS, blocking)) {
            Analysis a = f.engine.newAnalysis(AnalysisRequest.identify(8000));
            short[] pcm = audio(A, "enroll-mulaw.wav");
            EngineFixture.feed(a, pcm);
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            // the worker holds the first batch; the rest of this clip fits the queue, three more clips do not
            for (int i = 0; i < 3; i++) {
                EngineFixture.feed(a, pcm);
            }
            var result = a.finish();
            release.countDown();
            AnalysisResult r = result.get(30, TimeUnit.SECONDS);
            assertThat(r.search().errorReason()).isEqualTo("overloaded");
            assertThat(f.engine.enroll(a, Set.of("x"), "t").get(30, TimeUnit.SECONDS).outcomes())
                    .containsEntry("x", dev.voicegate.biometrics.api.EnrollmentResult.Outcome.ERROR);
            a.close();
        }
    }

    @Test
    void aToolFeedingARecordingFasterThanRealTimeWaitsInsteadOfBeingOverloaded() throws Exception {
        short[] clip = audio(A, "enroll-mulaw.wav");
        short[] four = new short[clip.length * 4]; // about 2 min of audio: well over the queue's 32 batches of speech
        for (int i = 0; i < 4; i++) {
            System.arraycopy(clip, 0, four, i * clip.length, clip.length);
        }
        try (EngineFixture f = new EngineFixture(dir)) {
            try (Analysis a = f.engine.newAnalysis(AnalysisRequest.identify(8000))) {
                DefaultVoiceprintEngine.feedRecording(a, four);
                AnalysisResult r = a.finish().get(60, TimeUnit.SECONDS);
                assertThat(r.search().errorReason()).isNotEqualTo("overloaded");
                assertThat(r.quality().netSpeechSeconds()).isGreaterThan(4 * 20.0);
            }
        }
    }

    /** Delegates everything; {@link #onAccept} runs before each frame an accumulator takes. */
    private abstract static class Delegating implements VoiceprintExtractor {
        private final VoiceprintExtractor d;

        Delegating(VoiceprintExtractor d) {
            this.d = d;
        }

        abstract void onAccept();

        @Override
        public String engineId() {
            return d.engineId();
        }

        @Override
        public int engineVersion() {
            return d.engineVersion();
        }

        @Override
        public int dimension() {
            return d.dimension();
        }

        @Override
        public FeaturePipeline newFeaturePipeline(FeaturePipeline.Sink sink) {
            return d.newFeaturePipeline(sink);
        }

        @Override
        public boolean heavyAccumulation() {
            return d.heavyAccumulation();
        }

        @Override
        public FrameAccumulator newAccumulator() {
            return wrap(d.newAccumulator());
        }

        private FrameAccumulator wrap(FrameAccumulator acc) {
            return new FrameAccumulator() {
                @Override
                public void accept(float[] features) {
                    onAccept();
                    acc.accept(features);
                }

                @Override
                public void add(FrameAccumulator other) {
                    acc.add(unwrap(other));
                }

                @Override
                public void subtract(FrameAccumulator other) {
                    acc.subtract(unwrap(other));
                }

                @Override
                public void clear() {
                    acc.clear();
                }

                @Override
                public long frames() {
                    return acc.frames();
                }

                @Override
                public float[] embedding() {
                    return acc.embedding();
                }

                @Override
                public FrameAccumulator copy() {
                    return wrap(acc.copy());
                }

                FrameAccumulator inner() {
                    return acc;
                }
            };
        }

        private static FrameAccumulator unwrap(FrameAccumulator a) {
            try {
                return (FrameAccumulator) a.getClass().getDeclaredMethod("inner").invoke(a);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public double rawScore(float[] a, float[] b) {
            return d.rawScore(a, b);
        }

        @Override
        public double calibrate(double rawScore) {
            return d.calibrate(rawScore);
        }
    }
}
