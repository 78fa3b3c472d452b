package dev.voicegate.testing.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.voicegate.testing.genesys.ConversationEventBodies.JSON;
import static org.assertj.core.api.Assertions.assertThat;

class FakeGenesysCloudTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeGenesysCloud fake;

    @BeforeEach
    void start() {
        fake = FakeGenesysCloud.builder().heartbeatPeriod(Duration.ofMillis(200)).start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.apiBaseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() throws Exception {
        String basic = Base64.getEncoder().encodeToString((FakeGenesysCloud.CLIENT_ID + ":" + FakeGenesysCloud.CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fake.loginBaseUrl() + "/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode t = JSON.readTree(r.body());
        assertThat(t.path("token_type").asText()).isEqualTo("bearer");
        assertThat(t.path("expires_in").asLong()).isPositive();
        return t.path("access_token").asText();
    }

    private HttpResponse<String> authorize(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fake.loginBaseUrl() + "/oauth/authorize?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void implicitGrantRedirectsWithATokenThatUsersMeAccepts() throws Exception {
        String ann = fake.addAgent("Ann");
        String redirect = "https://gateway.example/agent/";
        fake.addImplicitGrantClient("widget-client", redirect);
        String q = "response_type=token&client_id=widget-client&redirect_uri="
                + java.net.URLEncoder.encode(redirect, StandardCharsets.UTF_8);

        HttpResponse<String> notSignedIn = authorize(q);
        assertThat(notSignedIn.statusCode()).isEqualTo(401);
        assertThat(notSignedIn.headers().firstValue("Location")).isEmpty();

        fake.signIn(ann);
        HttpResponse<String> r = authorize(q + "&state=s-1");
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect + "#access_token=").contains("&token_type=bearer").endsWith("&state=s-1");
        java.util.Map<String, String> fragment = java.util.Arrays.stream(location.substring(location.indexOf('#') + 1).split("&"))
                .map(kv -> kv.split("=", 2)).collect(Collectors.toMap(kv -> kv[0],
                        kv -> java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
        assertThat(Long.parseLong(fragment.get("expires_in"))).isEqualTo(86_399);
        HttpResponse<String> me = send("GET", "/api/v2/users/me", fragment.get("access_token"), null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).path("id").asText()).isEqualTo(ann);
    }

    @Test
    void implicitGrantNeverRedirectsToAnUnregisteredAddressAndReportsABadResponseType() throws Exception {
        fake.signIn(fake.addAgent("Ann"));
        fake.addImplicitGrantClient("widget-client", "https://gateway.example/agent/");
        for (String q : new String[]{
                "response_type=token&client_id=widget-client&redirect_uri=https%3A%2F%2Fevil.example%2F",
                "response_type=token&client_id=other&redirect_uri=https%3A%2F%2Fgateway.example%2Fagent%2F",
                "response_type=token&client_id=widget-client"}) {
            HttpResponse<String> r = authorize(q);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.body()).contains("OAuth client ID or redirect URI is invalid");
            assertThat(r.headers().firstValue("Location")).as(q).isEmpty();
        }
        HttpResponse<String> code = authorize("response_type=code&client_id=widget-client&redirect_uri="
                + "https%3A%2F%2Fgateway.example%2Fagent%2F");
        assertThat(code.statusCode()).isEqualTo(302);
        assertThat(code.headers().firstValue("Location").orElseThrow())
                .startsWith("https://gateway.example/agent/#error=unsupported_response_type&error_description=")
                .doesNotContain("access_token");
    }

    @Test
    void rejectsWrongClientSecretWithOauthError() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fake.loginBaseUrl() + "/oauth/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void pagesGroupMembersAndRejectsMissingToken() throws Exception {
        for (int i = 0; i < 30; i++) {
            fake.addGroupMember("g1", fake.addAgent("Agent " + i));
        }
        assertThat(send("GET", "/api/v2/groups/g1/members", null, null).statusCode()).isEqualTo(401);
        String token = token();
        assertThat(fake.appTokensIssued()).isEqualTo(1);
        JsonNode page2 = JSON.readTree(send("GET", "/api/v2/groups/g1/members?pageSize=25&pageNumber=2", token, null).body());
        assertThat(page2.path("entities").size()).isEqualTo(5);
        assertThat(page2.path("pageCount").asInt()).isEqualTo(2);
        assertThat(page2.path("total").asInt()).isEqualTo(30);
        assertThat(page2.has("nextUri")).isFalse();
    }

    @Test
    void deliversCallEventToSubscribedSocketAndRejectsOverThousandTopics() throws Exception {
        String agent = fake.addAgent("Ann");
        String token = token();
        JsonNode channel = JSON.readTree(send("POST", "/api/v2/notifications/channels", token, null).body());
        String id = channel.path("id").asText();
        assertThat(id).startsWith("streaming-");
        String subs = "/api/v2/notifications/channels/" + id + "/subscriptions";
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> "{\"id\":\"v2.users." + i + ".conversations\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(send("PUT", subs, token, tooMany).statusCode()).isEqualTo(400);
        HttpResponse<String> put = send("PUT", subs, token,
                "[{\"id\":\"" + ConversationEventBodies.userConversationsTopic(agent) + "\"}]");
        assertThat(JSON.readTree(put.body()).path("entities").get(0).path("state").asText()).isEqualTo("Permitted");

        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(channel.path("connectUri").asText()),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        try {
                            received.add(JSON.readTree(data.toString()));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        JsonNode first = received.poll(10, TimeUnit.SECONDS);
        assertThat(first.path("eventBody").path("message").asText()).isEqualTo("WebSocket Heartbeat");
        await(() -> fake.connectedSockets() == 1);
        String conv = fake.startCall(agent, "tel:+35315550123", "tel:+35315550999");
        JsonNode event;
        do {
            event = received.poll(10, TimeUnit.SECONDS);
        } while (event != null && "channel.metadata".equals(event.path("topicName").asText()));
        assertThat(event).isNotNull();
        assertThat(event.path("eventBody").path("id").asText()).isEqualTo(conv);
        assertThat(event.path("eventBody").path("participants").get(1).path("userId").asText()).isEqualTo(agent);
        ws.abort();
    }

    @Test
    void recordsAttributeWritesAndServesConversation() throws Exception {
        String agent = fake.addAgent("Ann");
        String conv = fake.startCall(agent, "tel:+1", "tel:+2");
        String customer = fake.conversation(conv).orElseThrow().customerParticipantId();
        String token = token();
        HttpResponse<String> r = send("PATCH", "/api/v2/conversations/" + conv + "/participants/" + customer + "/attributes",
                token, "{\"attributes\":{\"vg.result\":\"verified\"}}");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(fake.attributeWrites()).containsExactly(new AttributeWrite(conv, customer, java.util.Map.of("vg.result", "verified")));
        JsonNode rest = JSON.readTree(send("GET", "/api/v2/conversations/" + conv, token, null).body());
        assertThat(rest.path("participants").get(0).path("attributes").path("vg.result").asText()).isEqualTo("verified");
    }

    @Test
    void forgetHistoryDropsEndedCallsWritesAndTheRequestLogButKeepsLiveCalls() throws Exception {
        String agent = fake.addAgent("Ann");
        String ended = fake.startCall(agent, "tel:+1", "tel:+2");
        String live = fake.startCall(agent, "tel:+3", "tel:+2");
        String customer = fake.conversation(ended).orElseThrow().customerParticipantId();
        String token = token();
        send("PATCH", "/api/v2/conversations/" + ended + "/participants/" + customer + "/attributes",
                token, "{\"attributes\":{\"vg.result\":\"verified\"}}");
        fake.endCall(ended);
        assertThat(fake.requestLog()).isNotEmpty();
        fake.forgetHistory();
        assertThat(fake.conversation(ended)).isEmpty();
        assertThat(fake.conversation(live)).isPresent();
        assertThat(fake.attributeWrites()).isEmpty();
        assertThat(fake.requestLog()).isEmpty();
        assertThat(fake.requestCount("PATCH", ".*")).isZero();
        assertThat(send("GET", "/api/v2/conversations/" + live, token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void injectedRateLimitCarriesRetryAfterAndContextId() throws Exception {
        fake.rateLimitNext("GET", "/api/v2/groups/.*", 7, 1);
        fake.addGroupMember("g", fake.addAgent("A"));
        String token = token();
        HttpResponse<String> r = send("GET", "/api/v2/groups/g/members", token, null);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("7");
        assertThat(JSON.readTree(r.body()).path("contextId").asText()).isNotBlank();
        assertThat(send("GET", "/api/v2/groups/g/members", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void channelDiesWithTheTokenThatCreatedIt() throws Exception {
        fake.tokenLifetime(Duration.ofSeconds(3));
        String token = token();
        String id = JSON.readTree(send("POST", "/api/v2/notifications/channels", token, null).body()).path("id").asText();
        assertThat(fake.channelIds()).containsExactly(id);
        await(() -> fake.channelIds().isEmpty());
        assertThat(send("HEAD", "/api/v2/notifications/channels/" + id, token(), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v2/notifications/channels/" + id + "/subscriptions", token(), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void twentyFirstChannelEvictsTheOldestUnconnectedOne() throws Exception {
        String token = token();
        String first = null;
        for (int i = 0; i < 21; i++) {
            String id = JSON.readTree(send("POST", "/api/v2/notifications/channels", token, null).body()).path("id").asText();
            first = first == null ? id : first;
        }
        assertThat(fake.channelIds()).hasSize(20).doesNotContain(first);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }
}
