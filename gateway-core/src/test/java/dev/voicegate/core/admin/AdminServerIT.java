package dev.voicegate.core.admin;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class AdminServerIT {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Readiness readiness = new Readiness();
    private final AtomicBoolean audiohookAccepting = new AtomicBoolean(false);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private AdminServer server;

    @BeforeEach
    void start() {
        readiness.register("audiohook", audiohookAccepting::get);
        server = AdminServer.start("127.0.0.1", 0, registry, readiness);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzAnswersWhileNotReady() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void readyzFollowsComponentsAndShutdown() throws Exception {
        HttpResponse<String> notReady = get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"audiohook\":false");
        audiohookAccepting.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        readiness.shutdownStarted();
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
    }

    @Test
    void metricsServesPrometheusText() throws Exception {
        registry.counter("voicegate.test.things", "kind", "a").increment(3);
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body()).contains("voicegate_test_things_total{kind=\"a\"} 3.0");
    }

    @Test
    void unknownPathsAndMethodsGetSpecificErrors() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void clientPipeliningScrapesWithoutReadingIsClosedAndStopsBeingRead() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            registry.counter("voicegate.test.padding", "n", Integer.toString(i)).increment();
        }
        try (AdminServer small = AdminServer.start("127.0.0.1", 0, registry, readiness,
                new AdminLimits(8192, Duration.ofMillis(300), Duration.ofSeconds(30)));
             java.net.Socket raw = new java.net.Socket()) {
            raw.setReceiveBufferSize(4096);
            raw.setSoTimeout(20_000);
            raw.connect(new java.net.InetSocketAddress("127.0.0.1", small.port()), 5_000);
            byte[] scrape = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);  // safety only
            try {
                // The server stops reading once we stop reading, so this write eventually blocks until it closes us.
                while (System.nanoTime() < deadline && registry.counter("voicegate.admin.slow.closes").count() == 0) {
                    raw.getOutputStream().write(scrape);
                }
            } catch (java.io.IOException closedByServer) {
                // expected
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.counter("voicegate.admin.slow.closes").count() == 1);
        }
    }

    @Test
    void invalidLimitsNameTheirKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AdminLimits(100, Duration.ofSeconds(1),
                Duration.ofSeconds(1))).hasMessage("admin.writeBufferHighWaterMark: 100 (expected: 8192..67108864)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AdminLimits(8192, Duration.ZERO,
                Duration.ofSeconds(1))).hasMessage("admin.unwritableTimeout: 0s (expected: > 0)");
    }
}
