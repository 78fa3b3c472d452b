package dev.voicegate.core.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.client.WavReader;
import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.BioSearch;
import dev.voicegate.biometrics.engine.DefaultVoiceprintEngine;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.biometrics.store.postgres.PostgresVoiceprintStore;
import dev.voicegate.core.config.ComponentConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import dev.voicegate.testing.postgres.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 §1 through the running gateway: with {@code biometrics.store: postgres} (a real PostgreSQL server,
 * {@link PostgresServer}) an agent enrolls a caller during a call, a later call of the same caller verifies, and an
 * erasure through the admin API leaves identify empty and no row of the database naming the person or holding
 * their sealed template. A second instance's store and engine on the same database follow both the enrollment and
 * the erasure through the database's change notices alone (issue 13 §2, 1:N index).
 */
class PostgresGatewayIT {
    private static final Path CORPUS = Path.of("..", "biometrics-engine", "src", "test", "resources", "corpus-mini");
    private static final Duration T = Duration.ofSeconds(60);
    private static final String PHONE = "+35315550141";
    private static final String BIOKEY = "phone:" + PHONE;

    @TempDir
    Path dataDir;
    private TxFixture f;

    private PostgresVoiceprintStore other;
    private DefaultVoiceprintEngine otherEngine;

    @AfterEach
    void stop() {
        if (otherEngine != null) {
            otherEngine.close();
        }
        if (other != null) {
            other.close();
        }
        if (f != null) {
            f.close();
        }
    }

    private static PcmAudioSource clip(String name) throws Exception {
        return WavReader.read(CORPUS.resolve("e03-esp-f1").resolve(name + "-mulaw.wav"));
    }

    private static String kindOf(JsonNode tx) {
        return tx.path("kind").asText();
    }

    @Test
    void enrollVerifyAndEraseThroughTheGatewayOnPostgreSql() throws Exception {
        String url = PostgresServer.shared().createDatabase("gateway_it");
        f = TxFixture.onPostgres(dataDir, "verify", url);
        VoiceprintStore store = f.gateway.store().orElseThrow();
        assertThat(store.getClass().getSimpleName()).isEqualTo("PostgresVoiceprintStore");

        // another instance on the same database, with its own store and engine as a second gateway has them
        ComponentConfigs same = ComponentConfigs.of(f.config);
        other = PostgresVoiceprintStore.open(same.store(), same.postgres(), Clock.systemUTC());
        otherEngine = DefaultVoiceprintEngine.open(other, DefaultVoiceprintEngine.defaultExtractor(), same.engine(),
                Clock.systemUTC(), new SimpleMeterRegistry(), 100);
        assertThat(otherEngine.indexedVoiceprints()).isZero();
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + f.gateway.adminPort() + "/metrics")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body().lines().filter(l -> l.startsWith("voicegate_biometrics_index_sync_connected")))
                .as("serve follows other instances' writes").singleElement().asString().endsWith(" 1.0");

        // enrollment during a call, with consent, through the agent's command
        String agent = f.agent("Pia");
        AgentWsClient app = f.app(agent);
        String conv = f.genesys.startCall(agent, "tel:" + PHONE, "tel:+35315550999");
        AudioHookClient caller = f.callerWhenEventKnown(conv, clip("enroll"));
        await().atMost(T).until(() -> app.sawConversation(conv));
        String req = app.command("ENROLL", conv, true, null);
        await().atMost(T).until(() -> app.commandResult(req).isPresent());
        assertThat(app.commandResult(req).get().path("accepted").asBoolean()).isTrue();
        caller.closed().get(120, TimeUnit.SECONDS);
        await().atMost(T).until(() -> store.get(BIOKEY).isPresent());
        assertThat(count(url, "SELECT COUNT(*) FROM voiceprint")).as("the voiceprint row is in PostgreSQL").isEqualTo(1);
        byte[] sealed = sealedTemplate(url);
        // the gateway's enrollment announced itself; the other instance's listener re-read it
        await().atMost(T).until(() -> otherEngine.indexedVoiceprints() == 1);


        // a later call verifies against it
        String conv2 = f.genesys.startCall(agent, "tel:" + PHONE, "tel:+35315550999");
        f.callerWhenEventKnown(conv2, clip("test0"));
        await().atMost(T).until(() -> app.completed(conv2).stream().anyMatch(t -> kindOf(t).equals("VERIFY")));
        JsonNode verify = app.completed(conv2).stream().filter(t -> kindOf(t).equals("VERIFY")).findFirst().orElseThrow();
        assertThat(verify.path("results").path("BioResult").asText()).startsWith("TRUE_");

        // erasure through the admin API: identify finds nothing at once, the database names the person no more
        HttpResponse<String> erased = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + f.gateway.adminPort() + "/api/v1/admin/subjects/erase"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + f.adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(Map.of("biokey", BIOKEY))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(erased.body()).path("voiceprintRemoved").asBoolean()).isTrue();
        try (Analysis a = TxFixture.analyse(f.gateway.engine().orElseThrow(), clip("test1"), AnalysisRequest.identify(8000))) {
            assertThat(a.finish().get(60, TimeUnit.SECONDS).search().search()).isEqualTo(BioSearch.NO_USER_FOUND);
        }
        assertThat(store.get(BIOKEY)).isEmpty();
        assertThat(store.tombstones(BIOKEY)).hasSize(1);
        // ... and the other instance drops it too, without being told by anything but the database
        await().atMost(T).until(() -> otherEngine.indexedVoiceprints() == 0);
        try (Analysis a = TxFixture.analyse(otherEngine, clip("test1"), AnalysisRequest.identify(8000))) {
            assertThat(a.finish().get(60, TimeUnit.SECONDS).search().search()).isEqualTo(BioSearch.NO_USER_FOUND);
        }
        assertThat(count(url, "SELECT COUNT(*) FROM voiceprint")).isZero();
        String sealedHex = HexFormat.of().formatHex(sealed, 16, 80);
        for (String row : everyRow(url)) {
            assertThat(row).as("a row of the database").doesNotContain(PHONE).doesNotContain(sealedHex);
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static byte[] sealedTemplate(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT sealed FROM voiceprint")) {
            assertThat(r.next()).isTrue();
            return r.getBytes(1);
        }
    }

    /** Every live row of every table in the public schema, as PostgreSQL's text form of the row (bytea as hex). */
    private static List<String> everyRow(String url) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "")) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            assertThat(tables).contains("voiceprint");
            for (String t : tables) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT t::text FROM \"" + t + "\" t")) {
                    while (r.next()) {
                        rows.add(t + ": " + r.getString(1));
                    }
                }
            }
        }
        return rows;
    }
}
