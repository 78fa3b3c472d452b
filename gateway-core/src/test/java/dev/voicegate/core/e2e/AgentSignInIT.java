package dev.voicegate.core.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegate.core.Gateway;
import dev.voicegate.core.cli.Commands;
import dev.voicegate.core.config.ConfigLoader;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12 §5, over real sockets against one gateway started from a YAML config: both ways an agent signs in.
 * <ul>
 *   <li>Without Genesys sign-in: {@code voicegate token} with the same config issues a token the running
 *       gateway's agent socket accepts.</li>
 *   <li>With Genesys: the app's implicit-grant login against the fake Genesys ({@code /oauth/authorize} redirects
 *       back to {@code /agent/#access_token=…}), then the gateway checks the token with {@code GET /api/v2/users/me}
 *       and accepts the socket as that user; a token Genesys does not know is refused with 401.</li>
 * </ul>
 * HTTP-level (no browser): the test requests the app's login URL the way the app builds it, and checks that the
 * served {@code app.js} still builds it so.
 */
class AgentSignInIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String WIDGET_CLIENT = "agent-widget-client";

    @TempDir
    Path dir;
    private FakeGenesysCloud genesys;
    private Gateway gateway;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        genesys = FakeGenesysCloud.builder().start();
        SecureRandom random = new SecureRandom();
        byte[] tokenSecret = new byte[32];
        random.nextBytes(tokenSecret);
        byte[] aes = new byte[32];
        random.nextBytes(aes);
        Path secretFile = Files.writeString(dir.resolve("agent-token-secret"), Base64.getEncoder().encodeToString(tokenSecret));
        config = Files.writeString(dir.resolve("voicegate.yaml"), """
                audiohook:
                  host: 127.0.0.1
                  port: 0
                  apiKeys: [{key: "%s", secret: "%s"}]
                admin: {host: 127.0.0.1, port: 0}
                genesys:
                  apiBaseUrl: %s
                  loginBaseUrl: %s
                  clientId: %s
                  clientSecret: %s
                  groups: [%s]
                agent:
                  host: 127.0.0.1
                  port: 0
                  tokenSecret: "${file:%s}"
                biometrics:
                  dataDir: %s
                  encryptionKeys: [{id: k1, key: "%s"}]
                """.formatted(GatedFixture.KEY, GatedFixture.SECRET, genesys.apiBaseUrl(), genesys.loginBaseUrl(),
                FakeGenesysCloud.CLIENT_ID, FakeGenesysCloud.CLIENT_SECRET, GatedFixture.GROUP, secretFile,
                dir.resolve("data"), Base64.getEncoder().encodeToString(aes)));
        gateway = Gateway.start(new ConfigLoader(Map.of()).load(config).config(), Gateway.Time.system());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        genesys.close();
    }

    @Test
    void aTokenIssuedByTheCommandIsAcceptedByTheRunningGateway() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Commands.run(new String[]{"token", "--config", config.toString(), "--agent", "local-7", "--name", "Lin",
                "--expires", "1h"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String token = out.toString(StandardCharsets.UTF_8).strip();

        try (AgentWsClient app = new AgentWsClient(gateway.agentPort(), token)) {
            JsonNode hello = awaitHello(app);
            assertThat(hello.path("user").path("userId").asText()).isEqualTo("local-7");
            assertThat(hello.path("user").path("displayName").asText()).isEqualTo("Lin");
        }
        assertThat(genesys.requestCount("GET", "/api/v2/users/me")).as("a local token needs no Genesys call").isZero();
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(refusalStatus(forged)).isEqualTo(401);
    }

    @Test
    void genesysSignInRedirectsBackWithATokenTheGatewayChecksWithUsersMe() throws Exception {
        String ann = genesys.addAgent("Ann Agent");
        String appUrl = "http://127.0.0.1:" + gateway.agentPort() + "/agent/";
        genesys.addImplicitGrantClient(WIDGET_CLIENT, appUrl);
        genesys.signIn(ann);

        // The widget opens the app with the Genesys parameters and no token: the app serves its page and script,
        // and the script sends the browser to login.<region>/oauth/authorize with these parameters.
        HttpResponse<String> page = get(appUrl + "?conversationId=c-1&gcHostOrigin=https%3A%2F%2Fapps.mypurecloud.ie"
                + "&gcTargetEnv=prod-euw1&clientId=" + WIDGET_CLIENT);
        assertThat(page.statusCode()).isEqualTo(200);
        String script = get(appUrl + "app.js").body();
        assertThat(script).contains("'/oauth/authorize?response_type=token&client_id=' +")
                .contains("'&redirect_uri=' + encodeURIComponent(redirect)")
                .contains("var redirect = location.origin + location.pathname;");

        // login.mypurecloud.ie is the fake here
        HttpResponse<String> authorize = get(genesys.loginBaseUrl() + "/oauth/authorize?response_type=token&client_id="
                + WIDGET_CLIENT + "&redirect_uri=" + URLEncoder.encode(appUrl, StandardCharsets.UTF_8));
        assertThat(authorize.statusCode()).isEqualTo(302);
        String location = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(appUrl + "#access_token=");
        Map<String, String> fragment = Arrays.stream(location.substring(location.indexOf('#') + 1).split("&"))
                .map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
        assertThat(fragment).containsEntry("token_type", "bearer").containsKey("expires_in");
        // the browser follows the redirect (the fragment stays in the browser) and gets the app again
        assertThat(get(location.substring(0, location.indexOf('#'))).statusCode()).isEqualTo(200);

        try (AgentWsClient app = new AgentWsClient(gateway.agentPort(), fragment.get("access_token"))) {
            JsonNode hello = awaitHello(app);
            assertThat(hello.path("user").path("userId").asText()).isEqualTo(ann);
            assertThat(hello.path("user").path("displayName").asText()).isEqualTo("Ann Agent");
        }
        assertThat(genesys.requestCount("GET", "/api/v2/users/me")).isEqualTo(1);

        assertThat(refusalStatus("not-a-genesys-token")).isEqualTo(401);
        assertThat(genesys.requestCount("GET", "/api/v2/users/me")).as("the bad token was asked about too").isEqualTo(2);
    }

    @Test
    void aRedirectUriTheClientDidNotRegisterGetsNoToken() throws Exception {
        genesys.signIn(genesys.addAgent("Ann Agent"));
        genesys.addImplicitGrantClient(WIDGET_CLIENT, "http://127.0.0.1:" + gateway.agentPort() + "/agent/");
        HttpResponse<String> authorize = get(genesys.loginBaseUrl() + "/oauth/authorize?response_type=token&client_id="
                + WIDGET_CLIENT + "&redirect_uri=" + URLEncoder.encode("http://127.0.0.1:1/agent/", StandardCharsets.UTF_8));
        assertThat(authorize.statusCode()).isEqualTo(400);
        assertThat(authorize.headers().firstValue("Location")).isEmpty();
    }

    private static JsonNode awaitHello(AgentWsClient app) {
        await().atMost(Duration.ofSeconds(20)).until(() -> app.received.stream().anyMatch(m -> "hello".equals(m.path("type").asText())));
        return app.received.stream().filter(m -> "hello".equals(m.path("type").asText())).findFirst().orElseThrow();
    }

    private int refusalStatus(String token) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("voicegate.agent.v1", "bearer." + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + gateway.agentPort() + "/agent/ws"), new WebSocket.Listener() { })
                    .join().abort();
            throw new AssertionError("upgrade was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
