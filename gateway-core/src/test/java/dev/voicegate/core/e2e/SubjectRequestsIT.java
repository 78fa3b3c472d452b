package dev.voicegate.core.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.client.WavReader;
import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.AnalysisResult;
import dev.voicegate.biometrics.api.BioSearch;
import dev.voicegate.biometrics.api.BlocklistResult;
import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.store.VoiceprintStore;
import dev.voicegate.biometrics.store.config.StoreConfig;
import dev.voicegate.core.cli.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12 §4 on the running gateway: data-subject requests through the admin API and the
 * {@code voicegate admin} command — refused without the right token, an export without template
 * bytes, and an erasure that leaves nothing in the engine's indexes, the store file, its WAL, the
 * transaction log or the audit trail.
 */
class SubjectRequestsIT {
    private static final Path CORPUS = Path.of("..", "biometrics-engine", "src", "test", "resources", "corpus-mini");
    private static final Duration T = Duration.ofSeconds(60);
    private static final String BIOKEY = "phone:+35315550131";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    private TxFixture f;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private static PcmAudioSource clip(String speaker, String name) throws Exception {
        return WavReader.read(CORPUS.resolve(speaker).resolve(name + "-mulaw.wav"));
    }

    private HttpResponse<String> post(String op, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.gateway.adminPort()
                        + "/api/v1/admin/subjects/" + op)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int cli(ByteArrayOutputStream out, String... args) {
        return Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void exportThenEraseThroughTheApiAndTheCliLeaveNoResidue() throws Exception {
        f = new TxFixture(dataDir, "verify");
        VoiceprintEngine engine = f.gateway.engine().orElseThrow();
        VoiceprintStore store = f.gateway.store().orElseThrow();
        f.preEnroll(BIOKEY, clip("e03-esp-f1", "enroll"));
        engine.createBlocklist("fraud", "test list", "tester").join();
        try (Analysis a = TxFixture.analyse(engine, clip("e03-esp-f1", "test1"), AnalysisRequest.passive(8000))) {
            engine.addToBlocklist("fraud", "F-from-customer", a, BIOKEY, "tester").join();
        }
        // a call of the person: its VERIFY transaction is recorded under the biokey's pseudonym
        String agent = f.agent("Eve");
        AgentWsClient app = f.app(agent);
        String conv = f.genesys.startCall(agent, "tel:+35315550131", "tel:+35315550999");
        f.callerWhenEventKnown(conv, clip("e03-esp-f1", "test0"));
        await().atMost(T).until(() -> app.completed(conv).stream().anyMatch(t -> t.path("kind").asText().equals("VERIFY")));
        await().atMost(T).until(() -> f.gateway.transactionLog().orElseThrow()
                .forSubject(store.pseudonym(BIOKEY), 10).join().size() >= 1);

        byte[] template = store.get(BIOKEY).orElseThrow().template();
        byte[] sealed = sealedTemplate();
        assertThat(engine.indexedVoiceprints()).isEqualTo(1);
        assertThat(search(engine).search().search()).isEqualTo(BioSearch.FOUND_ONE);
        assertThat(search(engine).blocklist().result()).isEqualTo(BlocklistResult.MATCH);

        // refused without the right token, with a challenge
        String body = JSON.writeValueAsString(java.util.Map.of("biokey", BIOKEY));
        HttpResponse<String> none = post("export", null, body);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"voicegate-admin\"");
        HttpResponse<String> wrong = post("erase", "Bearer " + f.adminToken.substring(1) + "x", body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(post("erase", "Basic " + f.adminToken, body).statusCode()).isEqualTo(401);
        assertThat(store.get(BIOKEY)).as("a refused erase erased nothing").isPresent();
        // the open endpoints stay open
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.gateway.adminPort() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        // bad requests get specific errors
        HttpResponse<String> noBiokey = post("export", "Bearer " + f.adminToken, "{}");
        assertThat(noBiokey.statusCode()).isEqualTo(400);
        assertThat(noBiokey.body()).contains("biokey: missing");
        assertThat(post("export", "Bearer " + f.adminToken, "not json").statusCode()).isEqualTo(400);
        assertThat(post("nope", "Bearer " + f.adminToken, body).statusCode()).isEqualTo(404);

        // export (Art. 15) through the API: what is held, never the template
        HttpResponse<String> export = post("export", "Bearer " + f.adminToken, body);
        assertThat(export.statusCode()).isEqualTo(200);
        JsonNode e = JSON.readTree(export.body());
        assertThat(e.path("biokeys").get(0).asText()).isEqualTo(BIOKEY);
        assertThat(e.path("consent").path("method").asText()).isEqualTo("test");
        assertThat(e.path("voiceprint").path("templateBytes").asInt()).isEqualTo(template.length);
        assertThat(e.path("latestEnrollment").asText()).isNotBlank();
        assertThat(e.path("blocklistEntries").toString()).contains("fraud/F-from-customer");
        assertThat(e.path("transactions")).isNotEmpty();
        assertThat(e.path("transactions").get(0).path("conversationId").asText()).isEqualTo(conv);
        assertThat(e.path("auditTrail").toString()).contains("ENROLL").contains("EXPORT");
        assertNoTemplate(export.body(), template, sealed);

        // the CLI: token from a file, audit trail and erasure
        Path tokenFile = Files.writeString(work.resolve("admin-token"), f.adminToken + "\n");
        String url = "http://127.0.0.1:" + f.gateway.adminPort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(cli(out, "admin", "audit", "--url", url, "--token-file", tokenFile.toString(), "--biokey", BIOKEY))
                .as(out.toString(StandardCharsets.UTF_8)).isEqualTo(Commands.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"EXPORT\"").contains("admin:token-");
        Path wrongFile = Files.writeString(work.resolve("wrong-token"), "x".repeat(40));
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(cli(refused, "admin", "erase", "--url", url, "--token-file", wrongFile.toString(), "--biokey", BIOKEY))
                .isEqualTo(Commands.FAILED);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("401");
        ByteArrayOutputStream erased = new ByteArrayOutputStream();
        assertThat(cli(erased, "admin", "erase", "--url", url, "--token-file", tokenFile.toString(), "--biokey", BIOKEY))
                .as(erased.toString(StandardCharsets.UTF_8)).isEqualTo(Commands.OK);
        JsonNode r = JSON.readTree(erased.toString(StandardCharsets.UTF_8));
        assertThat(r.path("voiceprintRemoved").asBoolean()).isTrue();
        assertThat(r.path("consentRemoved").asBoolean()).isTrue();
        assertThat(r.path("blocklistEntriesRemoved").asInt()).isEqualTo(1);
        assertThat(r.path("transactionsRemoved").asInt()).isGreaterThanOrEqualTo(1);

        // at once in the running engine: identify and the blocklist find nothing
        assertThat(engine.indexedVoiceprints()).isZero();
        AnalysisResult after = search(engine);
        assertThat(after.search().search()).isEqualTo(BioSearch.NO_USER_FOUND);
        assertThat(after.blocklist().result()).isEqualTo(BlocklistResult.NO_MATCH);
        assertThat(store.get(BIOKEY)).isEmpty();
        assertThat(store.consent(BIOKEY)).isEmpty();
        assertThat(f.gateway.transactionLog().orElseThrow().forSubject(store.pseudonym(BIOKEY), 10).join()).isEmpty();
        // the audit trail names the person no more (the erasure's own event names only the tombstone)
        assertThat(store.auditTrail(BIOKEY, 100)).isEmpty();
        assertThat(store.tombstones(BIOKEY)).hasSize(1);

        // no residue of the template in the store file, its WAL, the transaction log (and their WALs)
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dataDir)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains(StoreConfig.FILE_NAME, "transactions.db");
        for (Path p : files) {
            byte[] bytes = Files.readAllBytes(p);
            assertThat(indexOf(bytes, java.util.Arrays.copyOf(template, 64))).as("plain template in " + p).isNegative();
            assertThat(indexOf(bytes, java.util.Arrays.copyOfRange(sealed, 16, 80))).as("sealed template in " + p).isNegative();
            assertThat(indexOf(bytes, "+35315550131".getBytes(StandardCharsets.UTF_8))).as("biokey in " + p).isNegative();
        }
    }

    @Test
    void withoutATokenTheDataEndpointsAreOffAndSayWhy() throws Exception {
        f = new TxFixture(dataDir, "verify", "");
        HttpResponse<String> r = post("export", "Bearer " + "y".repeat(40), "{\"biokey\":\"phone:+35315550132\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("admin API is off").contains("admin.token");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.gateway.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private static AnalysisResult search(VoiceprintEngine engine) throws Exception {
        try (Analysis a = TxFixture.analyse(engine, clip("e03-esp-f1", "test1"), AnalysisRequest.identify(8000))) {
            return a.finish().get(60, TimeUnit.SECONDS);
        }
    }

    /** The template as the store sealed it (AES-GCM), read from the file before the erasure. */
    private byte[] sealedTemplate() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(StoreConfig.FILE_NAME));
             PreparedStatement p = c.prepareStatement("SELECT sealed FROM voiceprint");
             ResultSet r = p.executeQuery()) {
            assertThat(r.next()).isTrue();
            byte[] sealed = r.getBytes(1);
            assertThat(r.next()).as("one voiceprint").isFalse();
            return sealed;
        }
    }

    private static void assertNoTemplate(String body, byte[] template, byte[] sealed) {
        assertThat(body).doesNotContain(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(template, 48)))
                .doesNotContain(HexFormat.of().formatHex(template, 0, 32))
                .doesNotContain(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(sealed, 0, 48)))
                .doesNotContain("\"template\"");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
