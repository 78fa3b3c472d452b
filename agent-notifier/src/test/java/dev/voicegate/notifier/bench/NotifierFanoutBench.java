package dev.voicegate.notifier.bench;

import dev.voicegate.notifier.Views;
import dev.voicegate.notifier.api.AgentNotifier;
import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.CommandOutcome;
import dev.voicegate.notifier.auth.LocalTokenService;
import dev.voicegate.notifier.config.NotifierConfig;
import dev.voicegate.notifier.config.NotifierLimits;
import dev.voicegate.notifier.netty.AgentNotifierServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publish-to-client latency of the agent notifier with many connected agents, over loopback with
 * JDK WebSocket clients in the same JVM (so client work competes with the server for the same
 * cores: figures are an upper bound). Run:
 * <pre>mvn -B -q -pl agent-notifier -Pbench test-compile exec:java -Dbench.clients=1000 -Dbench.rounds=20</pre>
 */
public final class NotifierFanoutBench {

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 1000);
        int rounds = Integer.getInteger("bench.rounds", 20);
        byte[] secret = "bench-secret-bench-secret-bench-secret".getBytes(StandardCharsets.US_ASCII);
        LocalTokenService tokens = new LocalTokenService(secret, Clock.systemUTC());
        long heapBefore = usedHeap();
        try (AgentNotifierServer server = AgentNotifierServer.builder()
                .config(NotifierConfig.loopbackEphemeral(NotifierLimits.defaults()))
                .tokenValidator(tokens)
                .commandListener((w, c) -> CompletableFuture.completedFuture(CommandOutcome.ok()))
                .auditSink(r -> { })
                .build().start()) {
            AgentNotifier notifier = server.notifier();
            for (int i = 0; i < clients; i++) {
                notifier.bind("conv-" + i, "agent-" + i);
                notifier.publish("agent-" + i, Views.verified("conv-" + i));
            }
            long heapAfterViews = usedHeap();
            System.out.printf("bound conversations: %d, retained heap per conversation (view + binding): ~%.1f KiB%n",
                    clients, (heapAfterViews - heapBefore) / 1024.0 / clients);

            HttpClient http = HttpClient.newHttpClient();
            List<Client> all = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                String token = tokens.issue(AgentPrincipal.agent("agent-" + i, "Agent " + i), Duration.ofHours(1));
                all.add(new Client(http, server.boundPort(), token));
            }
            for (Client c : all) {
                c.snapshot.await(60, TimeUnit.SECONDS);
            }
            System.out.printf("connected %d clients (each got hello + snapshot) in %d ms; server clients gauge = %d%n",
                    clients, (System.nanoTime() - t0) / 1_000_000,
                    (long) server.meterRegistry().get("voicegate.notifier.clients").gauge().value());

            long[] fanout = new long[clients * rounds];
            long[] publishLoop = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                CountDownLatch done = new CountDownLatch(clients);
                for (Client c : all) {
                    c.arm(done);
                }
                long loopStart = System.nanoTime();
                for (int i = 0; i < clients; i++) {
                    all.get(i).sentAt.set(System.nanoTime());
                    notifier.publish("agent-" + i, Views.listening("conv-" + i, r));
                }
                publishLoop[r] = System.nanoTime() - loopStart;
                if (!done.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("round " + r + " incomplete");
                }
                for (int i = 0; i < clients; i++) {
                    fanout[r * clients + i] = all.get(i).latency;
                }
            }
            report("publish→client, all " + clients + " agents published back to back, " + rounds + " rounds", fanout);
            report("publisher thread time for one round of " + clients + " publishes (encode + enqueue)", publishLoop);

            long[] single = new long[500];
            Client one = all.get(0);
            for (int k = 0; k < single.length; k++) {
                CountDownLatch done = new CountDownLatch(1);
                one.arm(done);
                one.sentAt.set(System.nanoTime());
                notifier.progress("agent-0", Views.progress("conv-0", k % 10));
                done.await(10, TimeUnit.SECONDS);
                single[k] = one.latency;
            }
            report("publish→client, one agent at a time (" + clients + " connected)", single);
            all.forEach(c -> c.ws.abort());
        }
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", what, s.length, s[s.length / 2] / 1e6,
                s[(int) (s.length * 0.99)] / 1e6, s[s.length - 1] / 1e6);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(100); // bench only: let the collector settle
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** One agent client that records when a conversation/progress message arrives. */
    private static final class Client implements WebSocket.Listener {
        final CountDownLatch snapshot = new CountDownLatch(1);
        final AtomicLong sentAt = new AtomicLong();
        final WebSocket ws;
        volatile CountDownLatch done;
        volatile long latency;
        private final StringBuilder partial = new StringBuilder();

        Client(HttpClient http, int port, String token) {
            ws = http.newWebSocketBuilder().subprotocols("voicegate.agent.v1", "bearer." + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/agent/ws"), this).join();
        }

        void arm(CountDownLatch latch) {
            done = latch;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String m = partial.toString();
                partial.setLength(0);
                if (m.startsWith("{\"type\":\"snapshot\"")) {
                    snapshot.countDown();
                } else if (m.startsWith("{\"type\":\"conversation\"") || m.startsWith("{\"type\":\"progress\"")) {
                    latency = System.nanoTime() - sentAt.get();
                    CountDownLatch d = done;
                    if (d != null) {
                        d.countDown();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
