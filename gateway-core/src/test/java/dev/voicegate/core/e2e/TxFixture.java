package dev.voicegate.core.e2e;

import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.biometrics.api.Analysis;
import dev.voicegate.biometrics.api.AnalysisRequest;
import dev.voicegate.biometrics.api.VoiceprintEngine;
import dev.voicegate.biometrics.store.ConsentRecord;
import dev.voicegate.core.Gateway;
import dev.voicegate.core.config.AdminSection;
import dev.voicegate.core.config.AgentSection;
import dev.voicegate.core.config.AudioHookSection;
import dev.voicegate.core.config.BiometricsSection;
import dev.voicegate.core.config.GatingSection;
import dev.voicegate.core.config.GenesysSection;
import dev.voicegate.core.config.TransactionsSection;
import dev.voicegate.core.config.VoiceGateConfig;
import dev.voicegate.core.tx.Activity;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import io.netty.channel.EventLoopGroup;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** Fake Genesys + a gated gateway with biometrics and the agent app + callers + agent clients. */
final class TxFixture implements AutoCloseable {
    final FakeGenesysCloud genesys = FakeGenesysCloud.builder().start();
    final Gateway gateway;
    final EventLoopGroup clients = Transports.group(1, "tx-callers");
    private final List<AgentWsClient> apps = new ArrayList<>();
    private final List<AudioHookClient> callers = new ArrayList<>();
    final List<Activity> activity = new CopyOnWriteArrayList<>();
    /** The admin API's bearer token (random per fixture). */
    final String adminToken;

    TxFixture(Path dataDir, String autoStart) {
        this(dataDir, autoStart, Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    TxFixture(Path dataDir, String autoStart, String adminToken) {
        this(dataDir, autoStart, Duration.ofSeconds(5), Duration.ofSeconds(20), adminToken);
    }

    TxFixture(Path dataDir, String autoStart, Duration netSpeech, Duration maxListen) {
        this(dataDir, autoStart, netSpeech, maxListen, randomToken());
    }

    TxFixture(Path dataDir, String autoStart, Duration netSpeech, Duration maxListen, String adminToken) {
        this(dataDir, autoStart, netSpeech, maxListen, adminToken, null);
    }

    /** The fixture with its store in the PostgreSQL database {@code postgresUrl} (user {@code voicegate}, no password). */
    /** The gateway's configuration (for a test that opens a second instance's store with the same keys). */
    final VoiceGateConfig config;

    static TxFixture onPostgres(Path dataDir, String autoStart, String postgresUrl) {
        return new TxFixture(dataDir, autoStart, Duration.ofSeconds(5), Duration.ofSeconds(20), randomToken(), postgresUrl);
    }

    private TxFixture(Path dataDir, String autoStart, Duration netSpeech, Duration maxListen, String adminToken,
                      String postgresUrl) {
        this.adminToken = adminToken;
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] tokenSecret = new byte[32];
        random.nextBytes(tokenSecret);
        this.config = config(genesys, dataDir, new Settings(autoStart, netSpeech, maxListen, adminToken, postgresUrl,
                key, tokenSecret, null));
        gateway = Gateway.start(config, Gateway.Time.system());
        gateway.onActivity(activity::add);
    }

    /** What differs between the gateways a test starts (the rest is the fixture's usual gated set-up). */
    record Settings(String autoStart, Duration netSpeech, Duration maxListen, String adminToken, String postgresUrl,
                    byte[] storeKey, byte[] tokenSecret, dev.voicegate.core.config.ClusterSection cluster) {
    }

    /** The gated config against {@code genesys}: biometrics on (SQLite under {@code dataDir}, or PostgreSQL), agent app on. */
    static VoiceGateConfig config(FakeGenesysCloud genesys, Path dataDir, Settings s) {
        return new VoiceGateConfig(
                new AudioHookSection("127.0.0.1", 0, GatedFixture.PATH,
                        List.of(new AudioHookSection.ApiKey(GatedFixture.KEY, GatedFixture.SECRET)), List.of(),
                        null, 1_000, 500, null, null, null, Duration.ofMillis(200), null),
                new AdminSection("127.0.0.1", 0, null, null, s.adminToken()),
                new GatingSection("gated", Duration.ofSeconds(20), Duration.ofMinutes(10), null),
                new GenesysSection(null, genesys.apiBaseUrl(), genesys.loginBaseUrl(), FakeGenesysCloud.CLIENT_ID,
                        FakeGenesysCloud.CLIENT_SECRET, List.of(GatedFixture.GROUP), List.of(), null, true),
                new TransactionsSection(s.autoStart(), s.netSpeech(), s.maxListen(), null, null, null, "IE", null),
                null,
                new AgentSection("127.0.0.1", 0, Base64.getEncoder().encodeToString(s.tokenSecret()), false, List.of(), null, null),
                new BiometricsSection(dataDir.toString(), List.of(new BiometricsSection.EncryptionKey("k1",
                        Base64.getEncoder().encodeToString(s.storeKey()))), null, Duration.ofSeconds(15), Duration.ofSeconds(3),
                        null, null, s.postgresUrl() == null ? null : BiometricsSection.POSTGRES, s.postgresUrl(), null, null,
                        null, null, null),
                s.cluster());
    }

    /** A monitored agent, subscribed. */
    String agent(String name) {
        String id = genesys.addAgent(name);
        genesys.addGroupMember(GatedFixture.GROUP, id);
        gateway.syncAgentsNow().toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(30)).until(() -> genesys.channelIds().stream()
                .anyMatch(ch -> genesys.subscribedTopics(ch).contains("v2.users." + id + ".conversations"))
                && genesys.connectedSockets() > 0);
        return id;
    }

    AgentWsClient app(String agentId) throws Exception {
        String token = gateway.localTokens().orElseThrow().issue(AgentPrincipal.agent(agentId, "Agent " + agentId), Duration.ofHours(1));
        AgentWsClient c = new AgentWsClient(gateway.agentPort(), token);
        apps.add(c);
        await().atMost(Duration.ofSeconds(20)).until(() -> c.received.stream().anyMatch(m -> "snapshot".equals(m.path("type").asText())));
        return c;
    }

    /** A caller streaming {@code source} at 4x real time, closing at its end. */
    AudioHookClient callerWhenEventKnown(String conversationId, PcmAudioSource source) {
        AudioHookClientConfig config = AudioHookClientConfig.builder(URI.create("ws://127.0.0.1:" + gateway.audiohookPort() + GatedFixture.PATH))
                .organizationId(GatedFixture.ORG).credentials(GatedFixture.KEY, GatedFixture.SECRET).conversationId(conversationId)
                .participant(new Participant(UUID.randomUUID().toString(), "", "", ""))
                .source(source).speed(4).closeAtEndOfSource(true).build();
        AudioHookClient c = AudioHookClient.connect(config, clients);
        callers.add(c);
        return c;
    }

    /** Enrolls {@code biokey} from a clip through the engine, with consent recorded. */
    void preEnroll(String biokey, PcmAudioSource clip) {
        gateway.store().orElseThrow().recordConsent(biokey, new ConsentRecord(Instant.now(), "test", "tester"));
        VoiceprintEngine engine = gateway.engine().orElseThrow();
        Analysis a = analyse(engine, clip);
        engine.enroll(a, Set.of(biokey), "tester").join();
        a.close();
    }

    void blocklist(String listId, String fraudsterId, PcmAudioSource clip) {
        VoiceprintEngine engine = gateway.engine().orElseThrow();
        engine.createBlocklist(listId, "test list", "tester").join();
        Analysis a = analyse(engine, clip);
        engine.addToBlocklist(listId, fraudsterId, a, null, "tester").join();
        a.close();
    }

    private static Analysis analyse(VoiceprintEngine engine, PcmAudioSource clip) {
        return analyse(engine, clip, AnalysisRequest.passive(8000));
    }

    /** Feeds a whole clip into a new analysis of {@code request}. */
    static Analysis analyse(VoiceprintEngine engine, PcmAudioSource clip, AnalysisRequest request) {
        Analysis a = engine.newAnalysis(request);
        short[] ext = new short[1600];
        short[] intl = new short[1600];
        int n;
        while ((n = clip.read(ext, intl, 1600)) > 0) {
            a.feed(java.util.Arrays.copyOf(ext, n), null);
        }
        return a;
    }

    static String randomToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    List<String> activityKinds() {
        return activity.stream().map(a -> a.kind().name()).toList();
    }

    @Override
    public void close() {
        apps.forEach(AgentWsClient::close);
        callers.forEach(AudioHookClient::abort);
        gateway.close();
        clients.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        genesys.close();
    }
}
