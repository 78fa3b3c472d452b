package dev.voicegate.genesys.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.DirectoryMember;
import dev.voicegate.genesys.config.HttpConfig;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenesysRestTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final FakeTransport transport = new FakeTransport();
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final GenesysRest rest;

    GenesysRestTest() {
        TokenProvider tokens = new TokenProvider(transport, URI.create("https://login.x"), "id", "s",
                new TokenProvider.TokenSettings(clock.ticker(), 0.8, Duration.ofSeconds(5), json));
        RestExecutor executor = new RestExecutor(URI.create("https://api.x"), HttpConfig.defaults(), json,
                new RestExecutor.Deps(transport, tokens, new ManualScheduler(clock), clock.ticker(), () -> 0.5,
                        new SimpleMeterRegistry()));
        rest = new GenesysRest(executor, json);
    }

    private static String userPage(int page, int pageCount, String... ids) {
        StringBuilder sb = new StringBuilder("{\"entities\":[");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i > 0 ? "," : "").append("{\"id\":\"").append(ids[i]).append("\",\"name\":\"N").append(ids[i])
                    .append("\",\"email\":\"").append(ids[i]).append("@x\",\"state\":\"active\"}");
        }
        return sb.append("],\"pageSize\":100,\"pageNumber\":").append(page).append(",\"pageCount\":").append(pageCount)
                .append(",\"total\":9}").toString();
    }

    @Test
    void groupMembersFollowEveryPage() {
        transport.then(FakeTransport.json(200, userPage(1, 3, "a", "b")))
                .then(FakeTransport.json(200, userPage(2, 3, "c")))
                .then(FakeTransport.json(200, userPage(3, 3, "d")));
        List<DirectoryMember> members = rest.groupMembers("g-1").join();
        assertThat(members).extracting(DirectoryMember::userId).containsExactly("a", "b", "c", "d");
        assertThat(members.get(0)).isEqualTo(new DirectoryMember("a", "Na", "a@x"));
        assertThat(transport.apiRequests()).extracting(r -> r.uri().toString()).containsExactly(
                "https://api.x/api/v2/groups/g-1/members?pageSize=100&pageNumber=1",
                "https://api.x/api/v2/groups/g-1/members?pageSize=100&pageNumber=2",
                "https://api.x/api/v2/groups/g-1/members?pageSize=100&pageNumber=3");
    }

    @Test
    void queueMembersUseTheNestedUserIdAndStopOnTheLastPage() {
        transport.then(FakeTransport.json(200, "{\"entities\":[{\"id\":\"u1\",\"name\":\"Ann\",\"user\":{\"id\":\"u1\","
                + "\"email\":\"ann@x\"},\"joined\":true,\"memberBy\":\"user\"}],\"pageNumber\":1,\"pageCount\":1}"));
        assertThat(rest.queueMembers("q1").join()).containsExactly(new DirectoryMember("u1", "Ann", "ann@x"));
        assertThat(transport.apiRequests()).hasSize(1);
    }

    @Test
    void emptyGroupIsAnEmptyList() {
        transport.then(FakeTransport.json(200, "{\"entities\":[],\"pageNumber\":1,\"pageCount\":0,\"total\":0}"));
        assertThat(rest.groupMembers("g").join()).isEmpty();
    }

    @Test
    void missingConversationIsEmptyButOtherErrorsFail() {
        transport.then(FakeTransport.error(404, "not.found", "c")).then(FakeTransport.error(403, "missing.permissions", "c2"));
        assertThat(rest.conversation("conv-1").join()).isEmpty();
        assertThatThrownBy(() -> rest.conversation("conv-2").join()).hasMessageContaining("HTTP 403 missing.permissions");
    }

    @Test
    void attributeUpdateSendsTheAttributesEnvelope() {
        transport.then(FakeTransport.json(202, ""));
        rest.updateParticipantAttributes("c1", "p1", Map.of("vg.result", "verified")).join();
        HttpRequest req = transport.apiRequests().get(0);
        assertThat(req.method()).isEqualTo("PATCH");
        assertThat(req.uri().getPath()).isEqualTo("/api/v2/conversations/c1/participants/p1/attributes");
        assertThat(body(req)).isEqualTo("{\"attributes\":{\"vg.result\":\"verified\"}}");
    }

    @Test
    void badArgumentsAreRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> rest.updateParticipantAttributes("c1", "p1", Map.of()))
                .hasMessage("attributes: {} (expected: at least one entry)");
        assertThatThrownBy(() -> rest.groupMembers(" ")).hasMessage("groupId:   (expected: non-blank id)");
        assertThatThrownBy(() -> rest.userForToken("")).hasMessageContaining("userBearerToken");
        assertThat(transport.requests).isEmpty();
    }

    @Test
    void subscriptionsArePutAsTheFullTopicList() {
        transport.then(FakeTransport.json(200, "{\"entities\":[{\"id\":\"v2.users.a.conversations\",\"state\":\"Permitted\"}]}"));
        var topics = rest.putSubscriptions("streaming-1-x", List.of("v2.users.a.conversations")).join();
        assertThat(topics).hasSize(1);
        HttpRequest req = transport.apiRequests().get(0);
        assertThat(req.method()).isEqualTo("PUT");
        assertThat(req.uri().toString()).isEqualTo(
                "https://api.x/api/v2/notifications/channels/streaming-1-x/subscriptions?ignoreErrors=false");
        assertThat(body(req)).isEqualTo("[{\"id\":\"v2.users.a.conversations\"}]");
    }

    static String body(HttpRequest req) {
        StringBuilder sb = new StringBuilder();
        CompletableFuture<Void> done = new CompletableFuture<>();
        req.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                sb.append(java.nio.charset.StandardCharsets.UTF_8.decode(item));
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        return sb.toString();
    }
}
