package dev.voicegate.core.e2e;

import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.protocol.ClientParameters;
import dev.voicegate.audiohook.protocol.ServerParameters;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end over real sockets: fake Genesys Cloud (REST + notification WebSocket) → gateway
 * (directory, notification channels, correlator) ← AudioHook client.
 */
class GatedGatewayIT {
    private static final Duration T = Duration.ofSeconds(45);
    private GatedFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private void awaitSubscribed(String agent) {
        await().atMost(T).until(() -> f.genesys.channelIds().stream()
                .anyMatch(ch -> f.genesys.subscribedTopics(ch).contains("v2.users." + agent + ".conversations"))
                && f.genesys.connectedSockets() > 0);
    }

    private double gauge(String name) {
        var g = f.gateway.registry().find(name).gauge();
        return g == null ? 0 : g.value();
    }

    private static boolean resumed(AudioHookClient c) {
        return c.receivedTypes().contains("resume");
    }

    @Test
    void resumesAtOpenWhenTheAgentEventArrivedFirst() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(5));
        String agent = f.monitoredAgent("Ann");
        f.syncAgents();
        awaitSubscribed(agent);
        String conv = f.genesys.startCall(agent, "tel:+35315550123", "tel:+35315550999");
        await().atMost(T).until(() -> gauge("voicegate.gating.remembered.events") >= 1);
        AudioHookClient c = f.stream(conv);
        ServerParameters.Opened opened = c.opened().get(20, TimeUnit.SECONDS);
        assertThat(opened.startPaused()).isFalse();
        c.close(ClientParameters.CloseReasonCode.END);
        c.closed().get(20, TimeUnit.SECONDS);
        assertThat(c.protocolErrors()).isEmpty();
    }

    @Test
    void startsPausedAndResumesWhenTheEventArrivesAfterTheOpen() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(10));
        String agent = f.monitoredAgent("Bob");
        f.syncAgents();
        awaitSubscribed(agent);
        String conv = f.genesys.prepareCall(agent, "tel:+35315550124", "tel:+35315550999");
        AudioHookClient c = f.stream(conv);
        assertThat(c.opened().get(20, TimeUnit.SECONDS).startPaused()).isTrue();
        f.genesys.republish(conv);
        await().atMost(T).until(() -> resumed(c));
        assertThat(c.disconnectReceived()).isNotDone();
        assertThat(c.protocolErrors()).isEmpty();
    }

    @Test
    void disconnectsAStreamNoMonitoredAgentClaimsAtTheMatchTimeout() throws Exception {
        Duration matchTimeout = Duration.ofSeconds(3);
        f = new GatedFixture(matchTimeout);
        f.monitoredAgent("Cy");
        f.syncAgents();
        long start = System.nanoTime();
        AudioHookClient c = f.stream(UUID.randomUUID().toString());
        assertThat(c.opened().get(20, TimeUnit.SECONDS).startPaused()).isTrue();
        ServerParameters.Disconnect d = c.disconnectReceived().get(20, TimeUnit.SECONDS);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(d.reason()).isEqualTo(dev.voicegate.audiohook.api.DisconnectReason.COMPLETED);
        assertThat(d.info()).isEqualTo("not a monitored conversation");
        assertThat(elapsedMs).as("disconnect at matchTimeout ± 10 %").isBetween(2_700L, 3_300L);
        c.closed().get(20, TimeUnit.SECONDS);
        assertThat(c.receivedTypes()).doesNotContain("resume");
    }

    @Test
    void ignoresTheCallOfAnUnmonitoredAgent() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(2));
        String monitored = f.monitoredAgent("Dee");
        String outsider = f.genesys.addAgent("Eve (not in the group)");
        f.syncAgents();
        awaitSubscribed(monitored);
        String conv = f.genesys.startCall(outsider, "tel:+35315550125", "tel:+35315550999");
        AudioHookClient c = f.stream(conv);
        assertThat(c.opened().get(20, TimeUnit.SECONDS).startPaused()).isTrue();
        assertThat(c.disconnectReceived().get(20, TimeUnit.SECONDS).info()).isEqualTo("not a monitored conversation");
        assertThat(c.receivedTypes()).doesNotContain("resume");
    }

    @Test
    void answersAConnectionProbeWithoutGatingIt() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(2));
        AudioHookClientConfig probe = AudioHookClientConfig.builder(URI.create("ws://127.0.0.1:" + f.gateway.audiohookPort() + GatedFixture.PATH))
                .organizationId(GatedFixture.ORG).credentials(GatedFixture.KEY, GatedFixture.SECRET).probe().build();
        AudioHookClient c = AudioHookClient.connect(probe, f.clients);
        assertThat(c.opened().get(20, TimeUnit.SECONDS).startPaused()).isFalse();
        c.closed().get(20, TimeUnit.SECONDS);
        assertThat(c.receivedTypes()).containsExactly("opened", "closed");
        assertThat(c.protocolErrors()).isEmpty();
    }

    @Test
    void followsAgentsAddedToAndRemovedFromTheGroupAtRuntime() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(10));
        String first = f.monitoredAgent("Fay");
        f.syncAgents();
        awaitSubscribed(first);
        String late = f.genesys.addAgent("Gus");
        f.genesys.addGroupMember(GatedFixture.GROUP, late);
        f.syncAgents();
        awaitSubscribed(late);
        String conv = f.genesys.prepareCall(late, "tel:+35315550126", "tel:+35315550999");
        AudioHookClient c = f.stream(conv);
        assertThat(c.opened().get(20, TimeUnit.SECONDS).startPaused()).isTrue();
        f.genesys.republish(conv);
        await().atMost(T).until(() -> resumed(c));

        f.genesys.removeGroupMember(GatedFixture.GROUP, late);
        f.syncAgents();
        await().atMost(T).until(() -> c.receivedTypes().contains("pause"));
        await().atMost(T).until(() -> f.genesys.channelIds().stream()
                .noneMatch(ch -> f.genesys.subscribedTopics(ch).contains("v2.users." + late + ".conversations")));
    }

    @Test
    void fallsBackToRestWhenTheEventNeverComes() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(4));
        String agent = f.monitoredAgent("Hal");
        // The call is connected in Genesys but its event is never delivered (events are not durable).
        String conv = f.genesys.prepareCall(agent, "tel:+35315550127", "tel:+35315550999");
        f.syncAgents();
        awaitSubscribed(agent);
        AudioHookClient c = f.stream(conv);
        assertThat(c.opened().get(20, TimeUnit.SECONDS).startPaused()).isTrue();
        await().atMost(T).until(() -> resumed(c));
        assertThat(c.disconnectReceived()).isNotDone();
        assertThat(f.genesys.requestCount("GET", "/api/v2/conversations/" + conv)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void keepsAStreamThroughATransferBetweenMonitoredAgents() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(3));
        String a = f.monitoredAgent("Ida");
        String b = f.monitoredAgent("Jon");
        f.syncAgents();
        awaitSubscribed(a);
        awaitSubscribed(b);
        String conv = f.genesys.startCall(a, "tel:+35315550128", "tel:+35315550999");
        await().atMost(T).until(() -> gauge("voicegate.gating.remembered.events") >= 1);
        AudioHookClient c = f.stream(conv);
        assertThat(c.opened().get(20, TimeUnit.SECONDS).startPaused()).isFalse();
        f.genesys.transfer(conv, b);
        await().atMost(T).until(() -> counter("voicegate.gating.transfers") + counter("voicegate.gating.matched", "path", "rebound") >= 1);
        // Still streaming, never released: wait past the match timeout.
        assertThat(c.disconnectReceived().completeOnTimeout(null, 4, TimeUnit.SECONDS).get()).isNull();
    }

    @Test
    void resumesExactlyTheMonitoredHalfOf200ConcurrentCalls() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(15));
        String agent = f.monitoredAgent("Kim");
        String outsider = f.genesys.addAgent("Lou (not monitored)");
        f.syncAgents();
        awaitSubscribed(agent);
        List<AudioHookClient> monitored = new ArrayList<>();
        List<AudioHookClient> others = new ArrayList<>();
        List<String> monitoredConvs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean mine = i % 2 == 0;
            String conv = f.genesys.prepareCall(mine ? agent : outsider, "tel:+3531555" + String.format("%04d", i), "tel:+35315550999");
            AudioHookClient c = f.stream(conv, PcmAudioSource.silence(8000L * 30));
            (mine ? monitored : others).add(c);
            if (mine) {
                monitoredConvs.add(conv);
            }
        }
        for (AudioHookClient c : monitored) {
            assertThat(c.opened().get(30, TimeUnit.SECONDS).startPaused()).isTrue();
        }
        monitoredConvs.forEach(f.genesys::republish);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(monitored)
                .as("monitored streams resumed").allMatch(GatedGatewayIT::resumed));
        for (AudioHookClient c : others) {
            assertThat(c.disconnectReceived().get(30, TimeUnit.SECONDS).info()).isEqualTo("not a monitored conversation");
            assertThat(resumed(c)).isFalse();
        }
        assertThat(monitored).allSatisfy(c -> assertThat(c.disconnectReceived()).isNotDone());
    }

    @Test
    void aNotificationSocketDropWhileAStreamWaitsLosesNothing() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(8));
        String agent = f.monitoredAgent("Max");
        f.syncAgents();
        awaitSubscribed(agent);
        String conv = f.genesys.prepareCall(agent, "tel:+35315550129", "tel:+35315550999");
        AudioHookClient c = f.stream(conv);
        assertThat(c.opened().get(20, TimeUnit.SECONDS).startPaused()).isTrue();
        f.genesys.dropSockets();
        // Either the reconnected channel delivers a later event or the REST fallback finds the call.
        await().atMost(T).until(() -> f.genesys.connectedSockets() > 0);
        f.genesys.republish(conv);
        await().atMost(T).until(() -> resumed(c));
    }

    @Test
    void monitors1500AgentsOverTwoChannels() throws Exception {
        f = new GatedFixture(Duration.ofSeconds(5));
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            agents.add(f.monitoredAgent("Agent " + i));
        }
        f.syncAgents();
        String last = agents.get(1499);
        awaitSubscribed(last);
        awaitSubscribed(agents.get(0));
        assertThat(f.genesys.channelIds()).hasSizeGreaterThanOrEqualTo(2);
        String conv = f.genesys.startCall(last, "tel:+35315550130", "tel:+35315550999");
        await().atMost(T).until(() -> gauge("voicegate.gating.remembered.events") >= 1);
        AudioHookClient c = f.stream(conv);
        assertThat(c.opened().get(20, TimeUnit.SECONDS).startPaused()).isFalse();
    }

    private double counter(String name, String... tags) {
        return Search.in(f.gateway.registry()).name(name).tags(tags).counters().stream().mapToDouble(x -> x.count()).sum();
    }
}
