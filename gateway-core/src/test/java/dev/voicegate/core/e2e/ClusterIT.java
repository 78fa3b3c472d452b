package dev.voicegate.core.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.client.WavReader;
import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.BioSearch;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.core.Gateway;
import dev.voicegate.core.config.ClusterSection;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import dev.voicegate.testing.postgres.PostgresServer;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 §2–3: three gateway instances of one organisation on one PostgreSQL server (a real one,
 * {@link PostgresServer}) and the fake Genesys Cloud. Instance X holds the notification lease, so every conversation
 * event arrives there; instance Z (a separate {@code serve} process, so it can be killed) holds the caller's stream;
 * the agent's app is connected to instance Y. The result reaches the agent on Y, the agent's command from Y runs on Z,
 * the whole cluster uses one notification channel, a killed Z is "call lost" for the agent and the others go on
 * serving, an enrollment on X is found by identify on Y and an erasure through Y's admin API is honoured by identify on
 * X, and when X stops another instance takes the lease and calls keep binding.
 */
class ClusterIT {
    private static final Path CORPUS = Path.of("..", "biometrics-engine", "src", "test", "resources", "corpus-mini");
    private static final Duration T = Duration.ofSeconds(60);
    private static final String PHONE = "+35315550177";
    private static final String BIOKEY = "phone:" + PHONE;
    private static final ClusterSection FAST = new ClusterSection(true, null, Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    @TempDir
    Path tmp;
    private final FakeGenesysCloud genesys = FakeGenesysCloud.builder().start();
    private final EventLoopGroup callers = Transports.group(1, "cluster-callers");
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final byte[] storeKey = random32();
    private final byte[] tokenSecret = random32();
    private String url;
    private final Map<Gateway, String> adminTokens = new java.util.HashMap<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        callers.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        genesys.close();
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static PcmAudioSource clip(String name) throws Exception {
        return WavReader.read(CORPUS.resolve("e03-esp-f1").resolve(name + "-mulaw.wav"));
    }

    private Gateway gateway(String id) throws Exception {
        ClusterSection c = new ClusterSection(true, id, FAST.heartbeat(), FAST.peerTimeout(), FAST.commandTimeout());
        String adminToken = TxFixture.randomToken();
        Gateway g = Gateway.start(TxFixture.config(genesys, Files.createDirectories(tmp.resolve(id)), new TxFixture.Settings(
                "verify", Duration.ofSeconds(5), Duration.ofSeconds(20), adminToken, url, storeKey, tokenSecret, c)),
                Gateway.Time.system());
        toClose.add(g);
        adminTokens.put(g, adminToken);
        return g;
    }

    /** Instance {@code id} as a separate {@code serve} process with the same settings, from a YAML file. */
    private ServeProcess process(String id) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(id));
        Path yaml = dir.resolve("voicegate.yaml");
        Files.writeString(yaml, String.join("\n",
                "audiohook:", "  host: 127.0.0.1", "  port: 0", "  path: " + GatedFixture.PATH,
                "  apiKeys:", "    - key: " + GatedFixture.KEY, "      secret: \"" + GatedFixture.SECRET + "\"",
                "admin:", "  host: 127.0.0.1", "  port: 0",
                "gating:", "  mode: gated", "  matchTimeout: 20s",
                "genesys:", "  apiBaseUrl: " + genesys.apiBaseUrl(), "  loginBaseUrl: " + genesys.loginBaseUrl(),
                "  clientId: " + FakeGenesysCloud.CLIENT_ID, "  clientSecret: \"${env:GENESYS_CLIENT_SECRET}\"",
                "  groups: [" + GatedFixture.GROUP + "]",
                "transactions:", "  autoStart: verify", "  netSpeech: 5s", "  maxListen: 20s", "  defaultRegion: IE",
                "agent:", "  host: 127.0.0.1", "  port: 0", "  tokenSecret: \"${env:AGENT_TOKEN_SECRET}\"",
                "biometrics:", "  dataDir: " + dir.resolve("data"), "  minEnrollSpeech: 15s", "  minVerifySpeech: 3s",
                "  encryptionKeys:", "    - id: k1", "      key: \"${env:STORE_KEY}\"",
                "  store: postgres", "  postgresUrl: " + url, "  postgresUser: " + PostgresServer.USER,
                "cluster:", "  enabled: true", "  instanceId: " + id, "  heartbeat: 200ms", "  peerTimeout: 2s",
                "  commandTimeout: 10s", ""));
        ServeProcess p = ServeProcess.run(List.of("serve", "--config", yaml.toString()), Map.of(
                "GENESYS_CLIENT_SECRET", FakeGenesysCloud.CLIENT_SECRET,
                "AGENT_TOKEN_SECRET", Base64.getEncoder().encodeToString(tokenSecret),
                "STORE_KEY", Base64.getEncoder().encodeToString(storeKey)));
        toClose.add(p);
        return p.awaitStarted();
    }

    /** A caller on {@code port} that keeps the stream open after its clip until aborted. */
    private AudioHookClient caller(int port, String conversationId, PcmAudioSource source, boolean closeAtEnd) {
        AudioHookClient c = AudioHookClient.connect(AudioHookClientConfig.builder(
                        URI.create("ws://127.0.0.1:" + port + GatedFixture.PATH))
                .organizationId(GatedFixture.ORG).credentials(GatedFixture.KEY, GatedFixture.SECRET).conversationId(conversationId)
                .participant(new Participant(UUID.randomUUID().toString(), "", "", ""))
                .source(source).speed(4).closeAtEndOfSource(closeAtEnd).build(), callers);
        toClose.add(c::abort);
        return c;
    }

    private AgentWsClient app(Gateway on, String agentId) throws Exception {
        String token = on.localTokens().orElseThrow().issue(AgentPrincipal.agent(agentId, "Agent " + agentId), Duration.ofHours(1));
        AgentWsClient c = new AgentWsClient(on.agentPort(), token);
        toClose.add(c::close);
        await().atMost(T).until(() -> c.received.stream().anyMatch(m -> "snapshot".equals(m.path("type").asText())));
        return c;
    }

    private static boolean verified(AgentWsClient app, String conv) {
        return app.completed(conv).stream().anyMatch(t -> t.path("kind").asText().equals("VERIFY")
                && t.path("results").path("BioResult").asText().startsWith("TRUE_"));
    }

    private static boolean removedWith(AgentWsClient app, String conv, String reason) {
        return app.received.stream().anyMatch(m -> "removed".equals(m.path("type").asText())
                && conv.equals(m.path("conversationId").asText()) && m.path("reason").asText("").startsWith(reason));
    }

    /** 1:N search of the enrolled clip on {@code g}'s engine (the same audio: found whenever the voiceprint is indexed). */
    private static BioSearch identify(Gateway g) throws Exception {
        try (Analysis a = TxFixture.analyse(g.engine().orElseThrow(), clip("enroll"), AnalysisRequest.identify(8000))) {
            return a.finish().get(60, TimeUnit.SECONDS).search().search();
        }
    }

    /** The channels of the fake organisation that carry a subscription. */
    private long subscribedChannels() {
        return genesys.channelIds().stream().filter(ch -> !genesys.subscribedTopics(ch).isEmpty()).count();
    }

    @Test
    void streamOnOneInstanceEventOnAnotherAgentOnAThirdThenLossOfInstances() throws Exception {
        url = PostgresServer.shared().createDatabase("cluster_it");
        String agent = genesys.addAgent("Pia");
        genesys.addGroupMember(GatedFixture.GROUP, agent);

        Gateway x = gateway("x");
        await().atMost(T).until(x::subscribesForCluster);
        Gateway y = gateway("y");
        // the caller's voice, enrolled on X (with consent): identify on Y finds it through the index notices
        x.store().orElseThrow().recordConsent(BIOKEY, new ConsentRecord(Instant.now(), "test", "tester"));
        try (Analysis a = TxFixture.analyse(x.engine().orElseThrow(), clip("enroll"), AnalysisRequest.passive(8000))) {
            x.engine().orElseThrow().enroll(a, Set.of(BIOKEY), "tester").join();
        }
        await().atMost(T).until(() -> identify(y) != BioSearch.NO_USER_FOUND);
        ServeProcess z = process("z");
        await().atMost(T).until(() -> genesys.channelIds().stream()
                .anyMatch(ch -> genesys.subscribedTopics(ch).contains("v2.users." + agent + ".conversations"))
                && genesys.connectedSockets() > 0);
        assertThat(y.subscribesForCluster()).as("only the lease holder subscribes").isFalse();

        // stream on Z, event at X, agent on Y
        AgentWsClient app = app(y, agent);
        String conv = genesys.startCall(agent, "tel:" + PHONE, "tel:+35315550999");
        caller(z.audiohookPort(), conv, clip("test0"), false);
        await().atMost(T).until(() -> verified(app, conv));

        // the agent's command from Y runs on Z, which holds the call
        String req = app.command("IDENTIFY", conv, false, null);
        await().atMost(T).until(() -> app.commandResult(req).isPresent());
        assertThat(app.commandResult(req).get().path("accepted").asBoolean()).as(app.commandResult(req).get().toString()).isTrue();
        await().atMost(T).until(() -> app.completed(conv).stream().anyMatch(t -> t.path("kind").asText().equals("IDENTIFY")));

        // Z killed mid-call: the agent on Y sees the call lost; X and Y go on serving
        z.process.destroyForcibly();
        await().atMost(T).until(() -> removedWith(app, conv, "call lost"));
        String conv2 = genesys.startCall(agent, "tel:" + PHONE, "tel:+35315550999");
        caller(x.audiohookPort(), conv2, clip("test1"), true);
        await().atMost(T).until(() -> verified(app, conv2));
        assertThat(subscribedChannels()).as("one notification channel for the whole cluster").isEqualTo(1);

        // an erasure through Y's admin API is honoured by identify on X
        HttpResponse<String> erased = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + y.adminPort() + "/api/v1/admin/subjects/erase"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminTokens.get(y))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"biokey\": \"" + BIOKEY + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        await().atMost(T).until(() -> identify(x) == BioSearch.NO_USER_FOUND);

        // X (the lease holder) stops: Y takes the lease, opens its own channel, and calls keep binding
        x.close();
        await().atMost(T).until(y::subscribesForCluster);
        await().atMost(T).until(() -> genesys.connectedSockets() > 0 && subscribedChannels() >= 1);
        String conv3 = genesys.startCall(agent, "tel:" + PHONE, "tel:+35315550999");
        caller(y.audiohookPort(), conv3, clip("test0"), true);
        // bound on Y, its result on Y's agent app (the voiceprint is erased, so it cannot verify)
        await().atMost(T).until(() -> app.completed(conv3).stream().anyMatch(t -> t.path("kind").asText().equals("VERIFY")));
        JsonNode last = app.completed(conv3).stream().filter(t -> t.path("kind").asText().equals("VERIFY")).findFirst()
                .orElseThrow();
        assertThat(last.path("results").path("BioResult").asText()).as(last.toString()).doesNotStartWith("TRUE_");
    }
}
