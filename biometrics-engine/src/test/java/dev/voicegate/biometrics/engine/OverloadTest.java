package dev.voicegate.biometrics.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.BioResult;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.store.VoiceprintStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverloadTest {

    @TempDir
    Path dir;

    /** The real store, except that reads of voiceprints wait for {@code release}. */
    private static VoiceprintStore blockingReads(VoiceprintStore real, CountDownLatch entered, CountDownLatch release) {
        return (VoiceprintStore) Proxy.newProxyInstance(VoiceprintStore.class.getClassLoader(),
                new Class<?>[] {VoiceprintStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        entered.countDown();
                        release.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aFullExecutorAnswersErrorOverloadedInsteadOfQueueingWithoutBound() throws Exception {
        try (EngineFixture f = new EngineFixture(dir)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            EngineConfig tiny = new EngineConfig(Duration.ofSeconds(20), Duration.ofSeconds(6), Duration.ofMillis(500),
                    EngineConfig.DEFAULTS.thresholds(), EngineConfig.DEFAULTS.searchThreshold(), 5, EngineConfig.DEFAULTS.blocklistThreshold(), EngineConfig.DEFAULTS.speakerChangeThreshold(), 1, 1, EngineConfig.DEFAULTS.frontEnd());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            DefaultVoiceprintEngine engine = DefaultVoiceprintEngine.open(blockingReads(f.store, entered, release),
                    EngineFixture.EXTRACTOR, tiny, f.clock, registry, 10);
            try {
                Analysis busy = engine.newAnalysis(AnalysisRequest.verify(8000, "a"));   // occupies the worker
                assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
                Analysis queued = engine.newAnalysis(AnalysisRequest.verify(8000, "b")); // fills the queue
                Analysis refused = engine.newAnalysis(AnalysisRequest.verify(8000, "c")); // rejected
                EngineFixture.feed(refused, EngineFixture.audio(EngineFixture.A, "test0-mulaw.wav"));
                AnalysisResult r = refused.finish().get(30, TimeUnit.SECONDS);
                assertThat(r.verification().result()).isEqualTo(BioResult.ERROR);
                assertThat(r.verification().errorReason()).isEqualTo("overloaded");
                assertThat(registry.get("voicegate.biometrics.rejected").counter().count()).isGreaterThanOrEqualTo(1);
                release.countDown();
                // The held-up work drains once the store answers again (its final step may itself be
                // refused while the one-slot queue is busy: either way the future completes).
                assertThat(busy.finish().get(30, TimeUnit.SECONDS).isFinal()).isTrue();
                assertThat(queued.finish().get(30, TimeUnit.SECONDS).isFinal()).isTrue();
                busy.close();
                queued.close();
            } finally {
                release.countDown();
                engine.close();
            }
        }
    }
}
