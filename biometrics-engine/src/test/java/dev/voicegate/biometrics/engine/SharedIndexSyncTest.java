package dev.voicegate.biometrics.engine;

import static dev.voicegate.biometrics.engine.EngineFixture.A;
import static dev.voicegate.biometrics.engine.EngineFixture.B;
import static dev.voicegate.biometrics.engine.EngineFixture.C;
import static dev.voicegate.biometrics.engine.EngineFixture.audio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.BioSearch;
import dev.voicegate.biometrics.api.BlocklistResult;
import dev.voicegate.biometrics.api.EnrollmentResult.Outcome;
import dev.voicegate.biometrics.config.EngineConfig;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.biometrics.store.config.PostgresStoreConfig;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.biometrics.store.postgres.PostgresVoiceprintStore;
import dev.voicegate.testing.postgres.PostgresServer;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway instances (two stores, two engines, two meter registries) over one PostgreSQL database: what one
 * instance writes reaches the other's identify and blocklist indexes through {@code LISTEN/NOTIFY}, and a lost
 * listener connection is re-established and followed by a reload. On the GMM engine, whose thresholds the committed
 * mini corpus separates (as in {@link VoiceprintEngineTest#identifyRanksTheTrueSpeakerFirst}).
 */
class SharedIndexSyncTest {

    /** A safety net only: every wait ends as soon as its condition holds (normally within milliseconds). */
    private static final Duration SAFETY = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    String url;
    Instance a;
    Instance b;

    /** One gateway instance's store and engine. */
    final class Instance implements AutoCloseable {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final PostgresVoiceprintStore store;
        final DefaultVoiceprintEngine engine;

        Instance() {
            byte[] key = new byte[32];
            Arrays.fill(key, (byte) 7);
            store = PostgresVoiceprintStore.open(new StoreConfig(dir, Map.of("k1", key), "k1", 5, 2),
                    new PostgresStoreConfig(url, PostgresServer.USER, "", 4), clock, registry);
            engine = DefaultVoiceprintEngine.open(store, EngineFixture.GMM, EngineConfig.GMM_V3, clock, registry, 1000);
        }

        void enroll(String biokey, String speaker) throws Exception {
            store.recordConsent(biokey, new ConsentRecord(clock.instant(), "ivr-dtmf", "agent-1"));
            try (Analysis an = engine.newAnalysis(AnalysisRequest.passive(8000))) {
                EngineFixture.feed(an, audio(speaker, "enroll-mulaw.wav"));
                assertThat(engine.enroll(an, Set.of(biokey), "agent-1").get(30, TimeUnit.SECONDS).outcomes())
                        .containsEntry(biokey, Outcome.ENROLLED);
            }
        }

        AnalysisResult analyse(AnalysisRequest request, String speaker) throws Exception {
            try (Analysis an = engine.newAnalysis(request)) {
                EngineFixture.feed(an, audio(speaker, "test1-mulaw.wav"));
                return an.finish().get(30, TimeUnit.SECONDS);
            }
        }

        double reloads(String reason) {
            var c = registry.find("voicegate.biometrics.index.sync.reloads").tag("reason", reason).counter();
            return c == null ? 0 : c.count();
        }

        @Override
        public void close() {
            engine.close();
            store.close();
        }
    }

    @BeforeEach
    void open() {
        url = PostgresServer.shared().createDatabase("idxsync");
        a = new Instance();
        b = new Instance();
    }

    @AfterEach
    void close() {
        b.close();
        a.close();
    }

    @Test
    void anEnrollmentOnOneInstanceIsFoundByIdentifyOnTheOther() throws Exception {
        assertThat(b.engine.followsOtherInstances()).isTrue();
        assertThat(b.analyse(AnalysisRequest.identify(8000), A).search().search()).isEqualTo(BioSearch.NO_USER_FOUND);
        a.enroll("cust-a", A);
        await().atMost(SAFETY).until(() -> b.engine.indexedVoiceprints() == 1);
        AnalysisResult r = b.analyse(AnalysisRequest.identify(8000), A);
        assertThat(r.search().search()).isEqualTo(BioSearch.FOUND_ONE);
        assertThat(r.search().bestUser()).isEqualTo("cust-a");
        assertThat(b.registry.get("voicegate.biometrics.index.sync.notices").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(b.registry.get("voicegate.biometrics.index.sync.lag").timer().count()).isGreaterThanOrEqualTo(1);
        // the writer's own notice comes back to it and changes nothing
        await().atMost(SAFETY).until(() -> a.registry.get("voicegate.biometrics.index.sync.notices").counter().count() >= 1);
        assertThat(a.engine.indexedVoiceprints()).isEqualTo(1);
    }

    @Test
    void anOptOutAndAnErasureOnOneInstanceRemoveTheVoiceprintFromTheOther() throws Exception {
        a.enroll("cust-a", A);
        a.enroll("cust-b", B);
        await().atMost(SAFETY).until(() -> b.engine.indexedVoiceprints() == 2);
        assertThat(b.analyse(AnalysisRequest.identify(8000), B).search().bestUser()).isEqualTo("cust-b");

        a.store.optOut("cust-b", clock.instant(), "agent-1");
        a.engine.forget("cust-b");
        await().atMost(SAFETY).until(() -> b.engine.indexedVoiceprints() == 1);
        AnalysisResult optedOut = b.analyse(AnalysisRequest.identify(8000), B);
        assertThat(optedOut.search().candidates()).extracting(c -> c.biokey()).doesNotContain("cust-b");

        a.store.erase("cust-a", clock.instant(), "dpo");
        a.engine.forget("cust-a");
        await().atMost(SAFETY).until(() -> b.engine.indexedVoiceprints() == 0);
        assertThat(b.analyse(AnalysisRequest.identify(8000), A).search().search()).isEqualTo(BioSearch.NO_USER_FOUND);
        assertThat(a.engine.indexedVoiceprints()).isZero();
    }

    @Test
    void blocklistEntriesAddedAndRemovedOnOneInstanceAreCheckedOnTheOther() throws Exception {
        a.engine.createBlocklist("fraud-1", "Known fraudsters", "ops").get(30, TimeUnit.SECONDS);
        try (Analysis an = a.engine.newAnalysis(AnalysisRequest.passive(8000))) {
            EngineFixture.feed(an, audio(C, "enroll-mulaw.wav"));
            a.engine.addToBlocklist("fraud-1", "fr-42", an, null, "ops").get(30, TimeUnit.SECONDS);
        }
        await().atMost(SAFETY).until(() -> b.engine.indexedFraudsters() == 1);
        AnalysisResult hit = b.analyse(AnalysisRequest.passive(8000), C);
        assertThat(hit.blocklist().result()).isEqualTo(BlocklistResult.MATCH);
        assertThat(hit.blocklist().fraudsterId()).isEqualTo("fr-42");

        assertThat(a.engine.removeFromBlocklist("fraud-1", "fr-42", "ops").get(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(SAFETY).until(() -> b.engine.indexedFraudsters() == 0);
        assertThat(b.analyse(AnalysisRequest.passive(8000), C).blocklist().result()).isEqualTo(BlocklistResult.NO_MATCH);

        // deleting a whole list drops its entries elsewhere too
        try (Analysis an = a.engine.newAnalysis(AnalysisRequest.passive(8000))) {
            EngineFixture.feed(an, audio(C, "enroll-mulaw.wav"));
            a.engine.addToBlocklist("fraud-1", "fr-43", an, null, "ops").get(30, TimeUnit.SECONDS);
        }
        await().atMost(SAFETY).until(() -> b.engine.indexedFraudsters() == 1);
        assertThat(a.store.deleteBlocklist("fraud-1", clock.instant(), "ops")).isTrue();
        await().atMost(SAFETY).until(() -> b.engine.indexedFraudsters() == 0);
    }

    @Test
    void aLostListenerConnectionIsReestablishedAndTheWritesMissedMeanwhileAreLoaded() throws Exception {
        await().atMost(SAFETY).until(b.store::listening);
        String db = url.substring(url.lastIndexOf('/') + 1);
        // from the maintenance database: a session cannot bar connections to its own database
        try (Connection admin = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                PostgresServer.USER, "");
             Statement s = admin.createStatement()) {
            // keep the listeners out while a write is made, so its notice is certainly missed
            s.execute("ALTER DATABASE \"" + db + "\" ALLOW_CONNECTIONS false");
            try {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'voicegate-index-listener' AND datname = '" + db + "'");
                await().atMost(SAFETY).until(() -> !b.store.listening());
                a.enroll("cust-a", A); // over A's pooled connections, still open
                assertThat(b.engine.indexedVoiceprints()).isZero();
                assertThat(b.store.listening()).isFalse();
            } finally {
                s.execute("ALTER DATABASE \"" + db + "\" ALLOW_CONNECTIONS true");
            }
        }
        await().atMost(SAFETY).until(() -> b.store.listening() && b.engine.indexedVoiceprints() == 1);
        assertThat(b.reloads("reconnect")).isGreaterThanOrEqualTo(1);
        assertThat(b.analyse(AnalysisRequest.identify(8000), A).search().bestUser()).isEqualTo("cust-a");
        // and notices flow again
        a.enroll("cust-b", B);
        await().atMost(SAFETY).until(() -> b.engine.indexedVoiceprints() == 2);
    }
}
