package dev.voicegate.core.e2e;

import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.core.Gateway;
import dev.voicegate.core.config.AdminSection;
import dev.voicegate.core.config.AudioHookSection;
import dev.voicegate.core.config.GatingSection;
import dev.voicegate.core.config.GenesysSection;
import dev.voicegate.core.config.VoiceGateConfig;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import io.netty.channel.EventLoopGroup;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Fake Genesys org + a gated gateway wired to it + an AudioHook client group. */
final class GatedFixture implements AutoCloseable {
    static final String KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    static final String ORG = "d7934305-0972-4844-938e-9060eef73d05";
    static final String GROUP = "2e1f6d4a-8b3c-4a90-b7e2-5c9d0f1a3b46";
    static final String PATH = "/api/v1/audiohook/ws";

    final FakeGenesysCloud genesys;
    final Gateway gateway;
    final EventLoopGroup clients = Transports.group(1, "e2e-client");

    GatedFixture(Duration matchTimeout) {
        this(matchTimeout, FakeGenesysCloud.builder().start());
    }

    GatedFixture(Duration matchTimeout, FakeGenesysCloud genesys) {
        this.genesys = genesys;
        VoiceGateConfig config = new VoiceGateConfig(
                // 200 concurrent opens from one loopback address: above the default per-source handshake cap (64)
                new AudioHookSection("127.0.0.1", 0, PATH, List.of(new AudioHookSection.ApiKey(KEY, SECRET)), List.of(),
                        null, 1_000, 500, null, null, null, Duration.ofMillis(200), null, null, null, 1_000, 1_000, null, null),
                new AdminSection("127.0.0.1", 0),
                new GatingSection("gated", matchTimeout, Duration.ofMinutes(10), null),
                new GenesysSection(null, genesys.apiBaseUrl(), genesys.loginBaseUrl(), FakeGenesysCloud.CLIENT_ID,
                        FakeGenesysCloud.CLIENT_SECRET, List.of(GROUP), List.of(), null, false),
                null, null, null, null);
        this.gateway = Gateway.start(config, Gateway.Time.system());
    }

    /** A monitored agent (member of the configured group). */
    String monitoredAgent(String name) {
        String id = genesys.addAgent(name);
        genesys.addGroupMember(GROUP, id);
        return id;
    }

    void syncAgents() {
        gateway.syncAgentsNow().toCompletableFuture().join();
    }

    AudioHookClient stream(String conversationId) {
        return stream(conversationId, PcmAudioSource.tone(440, 30, 4000));
    }

    AudioHookClient stream(String conversationId, PcmAudioSource source) {
        AudioHookClientConfig config = AudioHookClientConfig.builder(URI.create("ws://127.0.0.1:" + gateway.audiohookPort() + PATH))
                .organizationId(ORG).credentials(KEY, SECRET).conversationId(conversationId)
                .participant(new Participant(UUID.randomUUID().toString(), "+35315550123", "", "+35315550999"))
                .source(source).build();
        return AudioHookClient.connect(config, clients);
    }

    @Override
    public void close() {
        gateway.close();
        clients.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        genesys.close();
    }
}
