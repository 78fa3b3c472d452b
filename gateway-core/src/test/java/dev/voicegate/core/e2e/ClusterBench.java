package dev.voicegate.core.e2e;

import dev.voicegate.audiohook.api.Participant;
import dev.voicegate.audiohook.client.AudioHookClient;
import dev.voicegate.audiohook.client.AudioHookClientConfig;
import dev.voicegate.audiohook.client.WavReader;
import dev.voicegate.audiohook.netty.Transports;
import dev.voicegate.core.Gateway;
import dev.voicegate.core.config.ClusterSection;
import dev.voicegate.core.tx.Activity;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import dev.voicegate.testing.postgres.PostgresServer;
import io.netty.channel.EventLoopGroup;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Issue 13 §5 (a benchmark, not a test): three instances on one machine, one PostgreSQL server, the fake Genesys.
 * X holds the notification lease. For each call the stream opens first (paused, waiting) and then Genesys sends the
 * event, which reaches X's subscription. Measured, per call:
 * <ul>
 *   <li><b>event → bound</b>: {@code startCall} on the fake (which pushes the notification at once) to the
 *       instance holding the stream binding and resuming it: on X itself (one instance, the baseline) and on Y
 *       (the event crosses the bus);</li>
 *   <li><b>result → agent</b>: the holder's {@code TX_COMPLETED} to the agent app receiving the completed view: app
 *       on the holder (baseline) and app on Z (the view crosses the bus).</li>
 * </ul>
 * Run: {@code java -cp … dev.voicegate.core.e2e.ClusterBench [calls]} from gateway-core (docs/benchmarks.md).
 */
public final class ClusterBench {
    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path tmp = Files.createTempDirectory("cluster-bench");
        byte[] storeKey = random32();
        byte[] tokenSecret = random32();
        String url = PostgresServer.shared().createDatabase("cluster_bench");
        ClusterSection base = new ClusterSection(true, null, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5));
        EventLoopGroup loops = Transports.group(1, "bench-callers");
        try (FakeGenesysCloud genesys = FakeGenesysCloud.builder().start()) {
            String agent = genesys.addAgent("Pia");
            genesys.addGroupMember(GatedFixture.GROUP, agent);
            List<Gateway> gws = new ArrayList<>();
            Map<String, Long> bound = new ConcurrentHashMap<>();
            Map<String, Long> completed = new ConcurrentHashMap<>();
            try {
                for (String id : List.of("x", "y", "z")) {
                    Gateway g = Gateway.start(TxFixture.config(genesys, Files.createDirectories(tmp.resolve(id)),
                            new TxFixture.Settings("verify", Duration.ofSeconds(2), Duration.ofSeconds(10), TxFixture.randomToken(),
                                    url, storeKey, tokenSecret,
                                    new ClusterSection(true, id, base.heartbeat(), base.peerTimeout(), base.commandTimeout()))),
                            Gateway.Time.system());
                    gws.add(g);
                    g.onActivity(a -> {
                        long now = System.nanoTime();
                        if (a.kind() == Activity.Kind.BOUND) {
                            bound.putIfAbsent(a.conversationId(), now);
                        } else if (a.kind() == Activity.Kind.TX_COMPLETED) {
                            completed.putIfAbsent(a.conversationId(), now);
                        }
                    });
                    if (id.equals("x")) {
                        await().atMost(Duration.ofSeconds(60)).until(g::subscribesForCluster);
                    }
                }
                Gateway x = gws.get(0);
                Gateway y = gws.get(1);
                Gateway z = gws.get(2);
                await().atMost(Duration.ofSeconds(60)).until(() -> genesys.connectedSockets() > 0 && genesys.channelIds().stream()
                        .anyMatch(ch -> genesys.subscribedTopics(ch).contains("v2.users." + agent + ".conversations")));
                Map<String, Long> viewAt = new ConcurrentHashMap<>();
                List<AgentWsClient> apps = new ArrayList<>();
                for (Gateway g : gws) {
                    AgentWsClient app = new AgentWsClient(g.agentPort(), g.localTokens().orElseThrow()
                            .issue(AgentPrincipal.agent(agent, "Pia"), Duration.ofHours(1)));
                    Gateway on = g;
                    app.onMessage = (m, t) -> {
                        if ("conversation".equals(m.path("type").asText())
                                && m.path("conversation").path("history").size() > 0) {
                            viewAt.putIfAbsent(on.clusterInstanceId().orElseThrow() + ":"
                                    + m.path("conversation").path("conversationId").asText(), t);
                        }
                    };
                    apps.add(app);
                }
                double[][] eventToBound = {new double[calls], new double[calls]};
                double[][] resultToAgent = {new double[calls], new double[calls]};
                for (int i = 0; i < 2 * calls; i++) {
                    boolean remote = i % 2 == 1;
                    Gateway holder = remote ? y : x;
                    String agentOn = remote ? "z" : "x";
                    String realConv = genesys.prepareCall(agent, "tel:+3531555" + (1000 + i), "tel:+35315550999");
                    double before = ((Number) holder.registry().get("voicegate.gating.pending.sessions").gauge().value()).doubleValue();
                    AudioHookClient c = AudioHookClient.connect(AudioHookClientConfig.builder(
                                    URI.create("ws://127.0.0.1:" + holder.audiohookPort() + GatedFixture.PATH))
                            .organizationId(GatedFixture.ORG).credentials(GatedFixture.KEY, GatedFixture.SECRET)
                            .conversationId(realConv).participant(new Participant(UUID.randomUUID().toString(), "", "", ""))
                            .source(WavReader.read(Path.of("..", "biometrics-engine", "src", "test", "resources", "corpus-mini",
                                    "e03-esp-f1", "test1-mulaw.wav"))).speed(8).closeAtEndOfSource(false).build(), loops);
                    await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) holder.registry()
                            .get("voicegate.gating.pending.sessions").gauge().value()).doubleValue() > before);
                    long t0 = System.nanoTime();
                    genesys.republish(realConv);
                    await().atMost(Duration.ofSeconds(30)).until(() -> bound.containsKey(realConv));
                    await().atMost(Duration.ofSeconds(60)).until(() -> completed.containsKey(realConv)
                            && viewAt.containsKey(agentOn + ":" + realConv));
                    eventToBound[remote ? 1 : 0][i / 2] = (bound.get(realConv) - t0) / 1e6;
                    resultToAgent[remote ? 1 : 0][i / 2] = (viewAt.get(agentOn + ":" + realConv) - completed.get(realConv)) / 1e6;
                    c.abort();
                    genesys.endCall(realConv);
                }
                report("event -> bound, stream on the lease holder (one instance)", eventToBound[0]);
                report("event -> bound, stream on another instance (over the bus)", eventToBound[1]);
                report("result -> agent, app on the holder", resultToAgent[0]);
                report("result -> agent, app on another instance (over the bus)", resultToAgent[1]);
                var delivery = y.registry().find("vg_cluster_delivery").timer();
                System.out.printf("bus delivery on y (sender's wall clock, ms resolution): count %d, p50 %.1f ms, p99 %.1f ms%n",
                        delivery.count(), percentile(delivery, 0.5), percentile(delivery, 0.99));
                apps.forEach(AgentWsClient::close);
            } finally {
                for (int i = gws.size() - 1; i >= 0; i--) {
                    gws.get(i).close();
                }
                loops.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
            }
        }
    }

    private static double percentile(io.micrometer.core.instrument.Timer t, double p) {
        for (var v : t.takeSnapshot().percentileValues()) {
            if (Math.abs(v.percentile() - p) < 1e-9) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("%-62s n=%d  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", what, s.length, s[s.length / 2],
                s[Math.min(s.length - 1, (int) Math.ceil(0.99 * s.length) - 1)], s[s.length - 1]);
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
