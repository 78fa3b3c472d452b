package dev.voicegate.genesys.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.GenesysApiException;
import dev.voicegate.genesys.api.GenesysException;
import dev.voicegate.genesys.api.GenesysOverloadedException;
import dev.voicegate.genesys.config.HttpConfig;
import dev.voicegate.genesys.engine.RestExecutor.RestCall;
import dev.voicegate.genesys.internal.HttpTransport;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestExecutorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeTransport transport = new FakeTransport();
    private final ObjectMapper json = new ObjectMapper();
    private final TokenProvider tokens = new TokenProvider(transport, URI.create("https://login.x"), "id", "s",
            new TokenProvider.TokenSettings(clock.ticker(), 0.8, Duration.ofSeconds(5), json));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private RestExecutor executor(HttpConfig config) {
        return new RestExecutor(URI.create("https://api.mypurecloud.ie"), config, json,
                new RestExecutor.Deps(transport, tokens, scheduler, clock.ticker(), () -> 0.5, meters));
    }

    private RestExecutor executor() {
        return executor(HttpConfig.defaults());
    }

    private static RestCall get(String path) {
        return new RestCall("GET", path, null, null);
    }

    @Test
    void sendsBearerTokenAndTimeoutToTheApiHost() {
        transport.then(FakeTransport.json(200, "{}"));
        assertThat(executor().call(get("/api/v2/users/x")).join().status()).isEqualTo(200);
        var req = transport.apiRequests().get(0);
        assertThat(req.uri().toString()).isEqualTo("https://api.mypurecloud.ie/api/v2/users/x");
        assertThat(FakeTransport.bearer(req)).isEqualTo("Bearer tok-1");
        assertThat(req.timeout()).contains(Duration.ofSeconds(10));
    }

    @Test
    void unauthorizedIsRetriedOnceWithANewToken() {
        transport.then(FakeTransport.error(401, "bad.credentials", "c1")).then(FakeTransport.json(200, "{}"));
        assertThat(executor().call(get("/api/v2/x")).join().status()).isEqualTo(200);
        assertThat(transport.apiRequests()).extracting(FakeTransport::bearer).containsExactly("Bearer tok-1", "Bearer tok-2");
    }

    @Test
    void secondUnauthorizedFailsWithStatusAndContextId() {
        transport.then(FakeTransport.error(401, "bad.credentials", "c1")).then(FakeTransport.error(401, "bad.credentials", "c2"));
        assertThatThrownBy(() -> executor().call(get("/api/v2/x?y=1")).join())
                .hasCauseInstanceOf(GenesysApiException.class)
                .hasMessageContaining("GET /api/v2/x: HTTP 401 bad.credentials").hasMessageContaining("contextId=c2");
    }

    @Test
    void rateLimitedCallWaitsRetryAfterThenSucceeds() {
        transport.then(new HttpTransport.Result(429, "{\"contextId\":\"c\"}", Map.of("retry-after", "7")))
                .then(FakeTransport.json(200, "{}"));
        CompletableFuture<HttpTransport.Result> f = executor().call(get("/api/v2/x"));
        assertThat(f).isNotDone();
        scheduler.advance(Duration.ofMillis(6900));
        assertThat(f).isNotDone();
        scheduler.advance(Duration.ofMillis(200));
        assertThat(f.join().status()).isEqualTo(200);
        assertThat(scheduler.requestedDelays()).contains(Duration.ofSeconds(7));
    }

    @Test
    void rateLimitPausesOtherCallsToo() {
        transport.then(new HttpTransport.Result(429, "", Map.of("retry-after", "5")))
                .then(FakeTransport.json(200, "{}")).then(FakeTransport.json(200, "{}"));
        RestExecutor rest = executor();
        CompletableFuture<HttpTransport.Result> first = rest.call(get("/api/v2/a"));
        CompletableFuture<HttpTransport.Result> second = rest.call(get("/api/v2/b"));
        assertThat(second).isNotDone();
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(first.join().status()).isEqualTo(200);
        assertThat(second.join().status()).isEqualTo(200);
    }

    @Test
    void retryAfterAboveTheCapFailsClearlyWithoutWaiting() {
        transport.then(new HttpTransport.Result(429, "{\"code\":\"too.many.requests.retry.after\",\"contextId\":\"ctx\"}",
                Map.of("retry-after", "120")));
        assertThatThrownBy(() -> executor().call(get("/api/v2/x")).join())
                .hasMessageContaining("HTTP 429").hasMessageContaining("Retry-After 120 s exceeds the 60 s cap")
                .hasMessageContaining("contextId=ctx");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void endlessRateLimitingGivesUpAfterTheConfiguredWaits() {
        for (int i = 0; i < 6; i++) {
            transport.then(new HttpTransport.Result(429, "", Map.of("retry-after", "1")));
        }
        CompletableFuture<HttpTransport.Result> f = executor().call(get("/api/v2/x"));
        scheduler.advance(Duration.ofSeconds(30));
        assertThatThrownBy(f::join).hasMessageContaining("still rate limited after 5 waits");
    }

    @Test
    void serviceUnavailableIsRetriedWithGrowingJitteredBackoff() {
        transport.then(FakeTransport.error(503, "x", "c")).then(FakeTransport.error(503, "x", "c"))
                .then(FakeTransport.json(200, "{}"));
        CompletableFuture<HttpTransport.Result> f = executor().call(get("/api/v2/x"));
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(f.join().status()).isEqualTo(200);
        // random 0.5 → 75 % of 500 ms, then of 1 s
        assertThat(scheduler.requestedDelays()).containsSubsequence(Duration.ofMillis(375), Duration.ofMillis(750));
    }

    @Test
    void serverErrorsExhaustingAttemptsFailWithStatusAndContextId() {
        for (int i = 0; i < 4; i++) {
            transport.then(FakeTransport.error(504, "gateway.timeout", "ctx-" + i));
        }
        CompletableFuture<HttpTransport.Result> f = executor().call(get("/api/v2/x"));
        scheduler.advance(Duration.ofMinutes(1));
        assertThatThrownBy(f::join).hasMessageContaining("HTTP 504").hasMessageContaining("after 4 attempts")
                .hasMessageContaining("contextId=ctx-3");
        assertThat(transport.apiRequests()).hasSize(4);
    }

    @Test
    void timeoutsAreRetriedThenReported() {
        for (int i = 0; i < 4; i++) {
            transport.then(req -> CompletableFuture.failedFuture(new HttpTimeoutException("request timed out")));
        }
        CompletableFuture<HttpTransport.Result> f = executor().call(get("/api/v2/x"));
        scheduler.advance(Duration.ofMinutes(1));
        assertThatThrownBy(f::join).hasCauseInstanceOf(GenesysException.class)
                .hasMessageContaining("GET /api/v2/x: no response (HttpTimeoutException: request timed out) after 4 attempts");
    }

    @Test
    void clientErrorsFailFastWithoutRetry() {
        transport.then(FakeTransport.error(400, "bad.request", "ctx-400"));
        assertThatThrownBy(() -> executor().call(get("/api/v2/x")).join())
                .hasMessageContaining("HTTP 400 bad.request").hasMessageContaining("contextId=ctx-400");
        assertThat(transport.apiRequests()).hasSize(1);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void callsBeyondConcurrencyAndQueueBoundsAreRejected() {
        CompletableFuture<HttpTransport.Result> never = new CompletableFuture<>();
        transport.then(r -> never).then(r -> never);
        RestExecutor rest = executor(HttpConfig.defaults().withConcurrency(1, 1));
        CompletableFuture<HttpTransport.Result> running = rest.call(get("/api/v2/a"));
        CompletableFuture<HttpTransport.Result> queued = rest.call(get("/api/v2/b"));
        CompletableFuture<HttpTransport.Result> rejected = rest.call(get("/api/v2/c"));
        assertThatThrownBy(rejected::join).hasCauseInstanceOf(GenesysOverloadedException.class)
                .hasMessageContaining("queue full (1 waiting, 1 in flight)");
        assertThat(running).isNotDone();
        assertThat(queued).isNotDone();
        assertThat(transport.apiRequests()).hasSize(1);
    }

    @Test
    void userTokenCallsUseTheCallersTokenAndAreNotRetriedOn401() {
        transport.then(FakeTransport.error(401, "bad.credentials", "u"));
        assertThatThrownBy(() -> executor().call(new RestCall("GET", "/api/v2/users/me", null, "user-tok")).join())
                .hasMessageContaining("HTTP 401");
        assertThat(transport.apiRequests()).extracting(FakeTransport::bearer).containsExactly("Bearer user-tok");
        assertThat(transport.tokensIssued).isZero();
    }

    /** Answers by path: the first {@code storm} conversation look-ups get 429 Retry-After 1 s, everything else 200. */
    private void scriptLookUpStorm(int storm, int answers) {
        int[] left = {storm};
        for (int i = 0; i < answers; i++) {
            transport.then(req -> CompletableFuture.completedFuture(
                    req.uri().getPath().startsWith("/api/v2/conversations/") && left[0]-- > 0
                            ? new HttpTransport.Result(429, "{\"code\":\"too.many.requests.retry.after\"}",
                            Map.of("retry-after", "1"))
                            : FakeTransport.json(200, "{\"id\":\"x\",\"connectUri\":\"wss://s/x\"}")));
        }
    }

    private long sent(String method, String pathPrefix) {
        return transport.apiRequests().stream()
                .filter(r -> r.method().equals(method) && r.uri().getPath().startsWith(pathPrefix)).count();
    }

    @Test
    void channelCreationIsTheNextRequestAfterA429PauseEvenBehindHundredsOfWaitingLookUps() {
        scriptLookUpStorm(40, 2000);
        RestExecutor rest = executor();
        List<CompletableFuture<HttpTransport.Result>> lookUps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lookUps.add(rest.call(get("/api/v2/conversations/c" + i)));
        }
        // the first look-up was answered 429 at once: everything is paused for the 1 s Genesys asked for
        assertThat(sent("GET", "/api/v2/conversations/")).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(5)); // more look-ups go out and are answered 429, pausing again
        int before = transport.apiRequests().size();
        assertThat(before).isBetween(2, 40);
        CompletableFuture<HttpTransport.Result> channel = rest.call(
                new RestCall("POST", "/api/v2/notifications/channels", null, null, RestExecutor.Lane.CONTROL));
        assertThat(channel).as("the 429 pause holds channel management too").isNotDone();
        assertThat(transport.apiRequests()).hasSize(before);

        scheduler.advance(Duration.ofMillis(999));
        assertThat(transport.apiRequests()).as("nothing is sent during the pause").hasSize(before);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(channel).isCompleted();
        assertThat(transport.apiRequests().get(before).uri().getPath()).isEqualTo("/api/v2/notifications/channels");

        // the look-ups still drain, at the configured rate, and all succeed
        scheduler.advance(Duration.ofMinutes(3));
        assertThat(lookUps).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
    }

    @Test
    void lookUpsNeverTakeThePermitsHeldBackForChannelManagement() {
        scriptLookUpStorm(0, 200);
        RestExecutor rest = executor(); // 240/min: a burst of 20 for calls, 2 more for channel management
        List<CompletableFuture<HttpTransport.Result>> lookUps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lookUps.add(rest.call(get("/api/v2/conversations/c" + i)));
        }
        assertThat(sent("GET", "/api/v2/conversations/")).isEqualTo(20);
        assertThat(meters.get("voicegate.genesys.requests.queued").gauge().value()).isEqualTo(80);

        CompletableFuture<HttpTransport.Result> create = rest.call(
                new RestCall("POST", "/api/v2/notifications/channels", null, null, RestExecutor.Lane.CONTROL));
        CompletableFuture<HttpTransport.Result> subscribe = rest.call(new RestCall("PUT",
                "/api/v2/notifications/channels/x/subscriptions", "[]", null, RestExecutor.Lane.CONTROL));
        assertThat(create).as("sent at once, without waiting for the rate").isCompleted();
        assertThat(subscribe).isCompleted();
        assertThat(transport.apiRequests()).hasSize(22);

        scheduler.advance(Duration.ofMillis(500)); // the held-back permits refill first
        assertThat(sent("GET", "/api/v2/conversations/")).isEqualTo(20);
        scheduler.advance(Duration.ofMillis(250)); // then permits go to the look-ups again, at the rate
        assertThat(sent("GET", "/api/v2/conversations/")).isEqualTo(21);
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(sent("GET", "/api/v2/conversations/")).isEqualTo(100);
        assertThat(lookUps).allSatisfy(f -> assertThat(f).isCompleted());
    }

    @Test
    void theChannelManagementQueueIsBoundedWithAClearError() {
        transport.then(new HttpTransport.Result(429, "", Map.of("retry-after", "30")));
        RestExecutor rest = executor();
        rest.call(get("/api/v2/conversations/a")); // answered 429: 30 s pause
        List<CompletableFuture<HttpTransport.Result>> control = new ArrayList<>();
        for (int i = 0; i < RequestLanes.CONTROL_QUEUE + 1; i++) {
            control.add(rest.call(new RestCall("PUT", "/api/v2/notifications/channels/c/subscriptions", "[]",
                    null, RestExecutor.Lane.CONTROL)));
        }
        assertThat(control.subList(0, RequestLanes.CONTROL_QUEUE)).allSatisfy(f -> assertThat(f).isNotDone());
        assertThatThrownBy(control.get(RequestLanes.CONTROL_QUEUE)::join)
                .hasCauseInstanceOf(GenesysOverloadedException.class)
                .hasMessageContaining("channel-management queue full (64 waiting");
    }

    @Test
    void aCallWithoutALaneIsRejected() {
        assertThatThrownBy(() -> new RestCall("GET", "/x", null, null, null))
                .hasMessage("lane: null (expected: CONTROL or CALLS)");
    }
}
