package dev.voicegate.core.bench;

import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.core.Gateway;
import dev.voicegate.core.config.AdminSection;
import dev.voicegate.core.config.AgentSection;
import dev.voicegate.core.config.AudioHookSection;
import dev.voicegate.core.config.BiometricsSection;
import dev.voicegate.core.config.GatingSection;
import dev.voicegate.core.config.GenesysSection;
import dev.voicegate.core.config.TransactionsSection;
import dev.voicegate.core.config.VoiceGateConfig;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import io.netty.channel.EventLoopGroup;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The system under test for the agent benchmarks, wired as {@code TxFixture} does: fake Genesys Cloud
 * + gated gateway with biometrics and the agent app on port 0 + signed local agent tokens.
 */
final class BenchGateway implements AutoCloseable {
    static final String KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    static final String PATH = "/api/v1/audiohook/ws";
    private static final String GROUP = "2e1f6d4a-8b3c-4a90-b7e2-5c9d0f1a3b46";

    final FakeGenesysCloud genesys = FakeGenesysCloud.builder().start();
    final Gateway gateway;
    private final EventLoopGroup callers = Transports.group(1, "bench-callers");
    private final List<AudioHookClient> calls = new ArrayList<>();

    BenchGateway(Path dataDir, String autoStart, Duration netSpeech, int maxSessions) {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] tokenSecret = new byte[32];
        random.nextBytes(tokenSecret);
        VoiceGateConfig config = new VoiceGateConfig(
                new AudioHookSection("127.0.0.1", 0, PATH, List.of(new AudioHookSection.ApiKey(KEY, SECRET)), List.of(),
                        null, maxSessions, 1_000, null, null, null, Duration.ofMillis(200), null),
                new AdminSection("127.0.0.1", 0),
                new GatingSection("gated", Duration.ofSeconds(20), Duration.ofMinutes(10), null),
                new GenesysSection(null, genesys.apiBaseUrl(), genesys.loginBaseUrl(), FakeGenesysCloud.CLIENT_ID,
                        FakeGenesysCloud.CLIENT_SECRET, List.of(GROUP), List.of(), null, true),
                new TransactionsSection(autoStart, netSpeech, Duration.ofSeconds(30), null, null, null, "IE", null),
                null,
                new AgentSection("127.0.0.1", 0, Base64.getEncoder().encodeToString(tokenSecret), false, List.of(), null, null),
                new BiometricsSection(dataDir.toString(), List.of(new BiometricsSection.EncryptionKey("k1",
                        Base64.getEncoder().encodeToString(key))), null, Duration.ofSeconds(15), Duration.ofSeconds(3), null, null));
        gateway = Gateway.start(config, Gateway.Time.system());
    }

    /** Monitored agents, subscribed to (waits until the fake has the topics and a connected socket). */
    List<String> agents(int n) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = genesys.addAgent("Bench agent " + i);
            genesys.addGroupMember(GROUP, id);
            ids.add(id);
        }
        gateway.syncAgentsNow().toCompletableFuture().join();
        String last = "v2.users." + ids.get(n - 1) + ".conversations";
        waitFor(() -> genesys.connectedSockets() > 0
                && genesys.channelIds().stream().anyMatch(ch -> genesys.subscribedTopics(ch).contains(last)), "subscriptions");
        return ids;
    }

    String token(String agentId) {
        return gateway.localTokens().orElseThrow().issue(AgentPrincipal.agent(agentId, "Bench " + agentId), Duration.ofHours(2));
    }

    /** A caller on {@code conversationId} streaming {@code source} at {@code speed}x real time. */
    AudioHookClient caller(String conversationId, PcmAudioSource source, int speed) {
        AudioHookClient c = AudioHookClient.connect(callerConfig(gateway.audiohookPort(), conversationId, source, speed), callers);
        calls.add(c);
        return c;
    }

    static AudioHookClientConfig callerConfig(int port, String conversationId, dev.voicegate.audiohook.client.AudioSource source, int speed) {
        return AudioHookClientConfig.builder(URI.create("ws://127.0.0.1:" + port + PATH))
                .organizationId(ORG).credentials(KEY, SECRET).conversationId(conversationId)
                .participant(new Participant(UUID.randomUUID().toString(), "", "", ""))
                .source(source).speed(speed).closeAtEndOfSource(true).build();
    }

    double meter(String name) {
        var m = gateway.registry().find(name).gauge();
        return m == null ? Double.NaN : m.value();
    }

    /** Polls {@code condition} every 20 ms for up to 2 minutes (bench set-up only, not a measurement). */
    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        calls.forEach(AudioHookClient::abort);
        gateway.close();
        callers.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        genesys.close();
    }
}
