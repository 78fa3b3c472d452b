package dev.voicegate.notifier.netty;

import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.Role;
import dev.voicegate.notifier.auth.LocalTokenService;
import dev.voicegate.notifier.config.NotifierLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication happens on the HTTP upgrade: refused clients never get a WebSocket. */
class AgentUpgradeAuthIT {

    private static NotifierHarness h;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws InterruptedException {
        h = new NotifierHarness(NotifierLimits.defaults());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void upgradeWithoutATokenIsRefusedWith401() {
        assertThat(WsClient.refusalStatus(h.port(), null)).isEqualTo(401);
        assertThat(h.count("voicegate.notifier.auth.failures", "reason", "missing")).isGreaterThanOrEqualTo(1);
        assertThat(h.server.notifier().connectedClients("anyone")).isZero();
    }

    @Test
    void expiredTokenIsRefusedWith401() {
        LocalTokenService past = new LocalTokenService(NotifierHarness.SECRET,
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
        String expired = past.issue(AgentPrincipal.agent("alice", "A"), Duration.ofMinutes(5));

        assertThat(WsClient.refusalStatus(h.port(), expired)).isEqualTo(401);
        assertThat(h.count("voicegate.notifier.auth.failures", "reason", "expired")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void tokenWithABadSignatureOrGarbageIsRefusedWith401() {
        String good = h.token("alice", Role.AGENT);
        String forged = good.substring(0, good.length() - 3) + (good.endsWith("AAA") ? "BBB" : "AAA");

        assertThat(WsClient.refusalStatus(h.port(), forged)).isEqualTo(401);
        assertThat(WsClient.refusalStatus(h.port(), "garbage")).isEqualTo(401);
    }

    @Test
    void refusalCarriesAWwwAuthenticateChallengeAndClosesTheConnection() throws IOException {
        String response = RawHttp.exchange(h.port(), RawHttp.upgrade("Authorization: Bearer garbage\r\n"));

        assertThat(response).startsWith("HTTP/1.1 401 Unauthorized\r\n")
                .contains("www-authenticate: Bearer realm=\"voicegate-agent\", error=\"invalid_token\"")
                .contains("connection: close")
                .endsWith("invalid token: not a local token\n")
                .doesNotContain("garbage");
    }

    @Test
    void requestWithoutAnUpgradeIsRefusedWith400() throws IOException {
        assertThat(RawHttp.exchange(h.port(), "GET /agent/ws HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 400 Bad Request");
    }

    @Test
    void tokenIsAcceptedFromHeaderSubprotocolAndQuery() throws InterruptedException {
        String token = h.token("alice", Role.AGENT);
        try (WsClient header = WsClient.connectWithHeader(h.port(), token);
             WsClient sub = WsClient.connect(h.port(), token);
             WsClient query = WsClient.connectWithQuery(h.port(), token)) {
            for (WsClient c : new WsClient[]{header, sub, query}) {
                assertThat(c.next().path("user").path("userId").asText()).isEqualTo("alice");
            }
            assertThat(sub.socket.getSubprotocol()).isEqualTo("voicegate.agent.v1");
        }
    }

    @Test
    void validatorThatCannotDecideGets503() throws InterruptedException {
        try (NotifierHarness broken = new NotifierHarness(NotifierLimits.defaults(),
                t -> CompletableFuture.failedFuture(new IOException("Genesys unreachable")))) {
            assertThat(WsClient.refusalStatus(broken.port(), "any")).isEqualTo(503);
        }
    }

    @Test
    void fullServerRefusesTheUpgradeWith503() throws InterruptedException {
        try (NotifierHarness small = new NotifierHarness(NotifierLimits.defaults().withMaxClients(1));
             WsClient first = WsClient.connect(small.port(), small.token("alice", Role.AGENT))) {
            first.handshakeMessages();
            assertThat(WsClient.refusalStatus(small.port(), small.token("bob", Role.AGENT))).isEqualTo(503);
        }
    }

    @Test
    void appIsServedWithEmbeddingAndSecurityHeaders() throws IOException, InterruptedException {
        HttpResponse<String> page = get("/agent/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'self' https://*.mypurecloud.com").contains("default-src 'self'", "connect-src 'self'");
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(page.body()).contains("<script src=\"app.js\" defer></script>");

        assertThat(get("/agent/app.js").headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(get("/agent/app.css").statusCode()).isEqualTo(200);
        assertThat(get("/agent/secret.txt").statusCode()).isEqualTo(404);
        assertThat(get("/agent/../pom.xml").statusCode()).isEqualTo(404);
        HttpResponse<String> redirect = get("/agent?conversationId=c1");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).contains("/agent/?conversationId=c1");
    }

    @Test
    void unchangedAssetIsAnswered304ForItsEtag() throws IOException, InterruptedException {
        String etag = get("/agent/app.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.port() + "/agent/app.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
