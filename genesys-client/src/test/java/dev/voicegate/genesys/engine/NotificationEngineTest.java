package dev.voicegate.genesys.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.genesys.config.HttpConfig;
import dev.voicegate.genesys.config.NotificationConfig;
import dev.voicegate.genesys.internal.HttpTransport;
import dev.voicegate.genesys.internal.SocketConnector;
import dev.voicegate.testing.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The notification engine on fakes and manual time: liveness, watchdog, rotation, dedupe, bounds. */
class NotificationEngineTest {

    private static final String PONG = "{\"topicName\":\"channel.metadata\",\"eventBody\":{\"message\":\"pong\"}}";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Api api = new Api();
    private final Sockets sockets = new Sockets();
    private final List<ConversationEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> health = new CopyOnWriteArrayList<>();
    private final NotificationEngine engine;

    /** Answers token, channel and subscription calls like Genesys. */
    final class Api implements HttpTransport {
        final List<String> calls = new ArrayList<>();
        int channels;
        int tokens;
        long tokenLifetimeSeconds = 100;
        int failChannelCreation;
        int failPuts;

        @Override
        public synchronized CompletableFuture<Result> send(HttpRequest r) {
            String path = r.uri().getPath();
            calls.add(r.method() + " " + path);
            if (path.equals("/oauth/token")) {
                tokens++;
                return done(200, "{\"access_token\":\"t" + tokens + "\",\"expires_in\":" + tokenLifetimeSeconds + "}");
            }
            if (path.equals("/api/v2/notifications/channels")) {
                if (failChannelCreation > 0) {
                    failChannelCreation--;
                    return done(503, "{\"contextId\":\"c\"}");
                }
                channels++;
                return done(200, "{\"id\":\"ch" + channels + "\",\"connectUri\":\"wss://s/channels/ch" + channels
                        + "\",\"expires\":\"" + clock.instant().plus(Duration.ofHours(24)) + "\"}");
            }
            if (r.method().equals("PUT") && failPuts > 0) {
                failPuts--;
                return done(403, "{\"code\":\"missing.permissions\",\"contextId\":\"c\"}");
            }
            return done(200, "{\"entities\":[]}");
        }

        private CompletableFuture<Result> done(int status, String body) {
            return CompletableFuture.completedFuture(new Result(status, body, null));
        }
    }

    /** One fake socket per connect; the test plays the server side. */
    static final class FakeSocket implements SocketConnector.NotificationSocket {
        final URI uri;
        final SocketConnector.SocketListener listener;
        final List<String> sent = new CopyOnWriteArrayList<>();
        boolean closed;

        FakeSocket(URI uri, SocketConnector.SocketListener listener) {
            this.uri = uri;
            this.listener = listener;
        }

        @Override
        public void send(String text) {
            sent.add(text);
        }

        @Override
        public void close() {
            closed = true;
        }

        void receive(String text) {
            listener.onText(text);
        }
    }

    static final class Sockets implements SocketConnector {
        final List<FakeSocket> opened = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<NotificationSocket> connect(URI uri, SocketListener listener) {
            FakeSocket s = new FakeSocket(uri, listener);
            opened.add(s);
            return CompletableFuture.completedFuture(s);
        }

        FakeSocket last() {
            return opened.get(opened.size() - 1);
        }
    }

    NotificationEngineTest() {
        TokenProvider tokens = new TokenProvider(api, URI.create("https://login.x"), "id", "s",
                new TokenProvider.TokenSettings(clock.ticker(), 0.8, Duration.ofSeconds(5), json));
        RestExecutor rest = new RestExecutor(URI.create("https://api.x"), HttpConfig.defaults(), json,
                new RestExecutor.Deps(api, tokens, scheduler, clock.ticker(), () -> 0.5, meters));
        NotificationConfig config = NotificationConfig.defaults().withTopicsPerChannel(2);
        engine = new NotificationEngine(config, new NotificationEngine.Deps(new GenesysRest(rest, json), tokens, sockets,
                scheduler, Runnable::run, clock, clock.ticker(), () -> 0.5, meters, json));
        engine.addEventListener(events::add);
        engine.addHealthListener((ok, why) -> health.add(ok + ":" + why));
    }

    private static String event(String user, String conv, String participant, String state) {
        return "{\"topicName\":\"v2.users." + user + ".conversations\",\"version\":\"2\",\"eventBody\":{\"id\":\"" + conv
                + "\",\"participants\":[{\"id\":\"" + participant + "\",\"purpose\":\"agent\",\"userId\":\"" + user
                + "\",\"calls\":[{\"state\":\"" + state + "\"}]}]}}";
    }

    private double counter(String name, String tag, String value) {
        var c = meters.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    private FakeSocket startLive() {
        engine.setMonitoredAgents(Set.of("ann"));
        engine.start();
        FakeSocket s = sockets.last();
        s.receive(PONG);
        return s;
    }

    @Test
    void channelIsHealthyOnlyAfterItsSocketAnswersThePing() {
        engine.setMonitoredAgents(Set.of("ann"));
        engine.start();
        assertThat(api.calls).containsExactly("POST /oauth/token", "POST /api/v2/notifications/channels",
                "PUT /api/v2/notifications/channels/ch1/subscriptions");
        FakeSocket s = sockets.last();
        assertThat(s.uri).isEqualTo(URI.create("wss://s/channels/ch1"));
        assertThat(s.sent).containsExactly("{\"message\":\"ping\"}");
        assertThat(engine.healthy()).isFalse();
        s.receive(PONG);
        assertThat(engine.healthy()).isTrue();
        assertThat(health).containsExactly("true:all 1 channel(s) live");
    }

    @Test
    void pingsEveryThirtySecondsAndReconnectsWhenNothingArrivesForSixty() {
        api.tokenLifetimeSeconds = 86_400;
        FakeSocket first = startLive();
        scheduler.advance(Duration.ofSeconds(30));
        assertThat(first.sent).hasSize(2);
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(sockets.opened).hasSize(1); // 59 s of silence: still trusted
        scheduler.advance(Duration.ofSeconds(16)); // > 60 s silent, caught by the next 15 s watchdog tick
        assertThat(counter("voicegate.genesys.channel.reconnects", "reason", "heartbeat_timeout")).isEqualTo(1);
        assertThat(sockets.opened).hasSize(2);
        assertThat(engine.healthy()).isFalse();
        FakeSocket second = sockets.last();
        assertThat(second.uri).isEqualTo(first.uri); // same channel, subscriptions kept
        second.receive(PONG);
        assertThat(engine.healthy()).isTrue();
        assertThat(first.closed).isTrue();
        assertThat(api.channels).isEqualTo(1);
    }

    @Test
    void heartbeatsKeepTheSocketWithoutReconnects() {
        api.tokenLifetimeSeconds = 86_400;
        FakeSocket s = startLive();
        for (int i = 0; i < 10; i++) {
            scheduler.advance(Duration.ofSeconds(30));
            s.receive("{\"topicName\":\"channel.metadata\",\"eventBody\":{\"message\":\"WebSocket Heartbeat\"}}");
        }
        assertThat(sockets.opened).hasSize(1);
        assertThat(engine.healthy()).isTrue();
    }

    @Test
    void channelIsRotatedWithANewTokenBeforeTheTokenExpiresAndEventsAreNotDuplicated() {
        FakeSocket old = startLive();
        scheduler.advance(Duration.ofSeconds(81)); // 80 % of the 100 s token
        assertThat(api.tokens).isEqualTo(2);
        assertThat(api.channels).isEqualTo(2);
        FakeSocket next = sockets.last();
        assertThat(next.uri).isEqualTo(URI.create("wss://s/channels/ch2"));
        old.receive(event("ann", "c1", "p1", "connected")); // overlap: both sockets deliver the same snapshot
        assertThat(old.closed).isFalse(); // old one serves until the new one is live
        next.receive(event("ann", "c1", "p1", "connected")); // any message proves the new socket live
        assertThat(old.closed).isTrue();
        assertThat(events).hasSize(1);
        assertThat(engine.healthy()).isTrue();
        assertThat(health).doesNotContain("false:shard 0: active");
    }

    @Test
    void failedChannelCreationIsRetriedWithBackoffAndReportedUnhealthy() {
        api.failChannelCreation = 4 * 4; // every attempt of four set-ups fails
        engine.setMonitoredAgents(Set.of("ann"));
        engine.start();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(engine.healthy()).isFalse();
        assertThat(counter("voicegate.genesys.channel.failures", "step", "create")).isGreaterThanOrEqualTo(1);
        scheduler.advance(Duration.ofMinutes(5));
        sockets.last().receive(PONG);
        assertThat(engine.healthy()).isTrue();
    }

    @Test
    void agentsAreShardedAndTooManyAreRefused() {
        engine.setMonitoredAgents(IntStream.range(0, 5).mapToObj(i -> "a" + i).collect(Collectors.toSet()));
        engine.start();
        assertThat(api.channels).isEqualTo(3); // 2 topics per channel in this test
        assertThatThrownBy(() -> engine.setMonitoredAgents(IntStream.range(0, 39).mapToObj(i -> "a" + i)
                .collect(Collectors.toSet())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("monitored agents: 39 (expected: <= 38 = 19 channels of 2 topics; one channel slot is kept for rotation)");
    }

    @Test
    void socketClosingOpensTheNewSocketBeforeDroppingTheOld() {
        FakeSocket old = startLive();
        old.receive("{\"topicName\":\"v2.system.socket_closing\",\"eventBody\":{\"message\":\"Socket closing\"}}");
        FakeSocket next = sockets.last();
        assertThat(next).isNotSameAs(old);
        assertThat(old.closed).isFalse();
        assertThat(engine.healthy()).isTrue(); // the old socket still delivers meanwhile
        next.receive(PONG);
        assertThat(old.closed).isTrue();
        assertThat(health).containsExactly("true:all 1 channel(s) live");
    }

    @Test
    void refusedSubscriptionUpdatesAreRetriedWithGrowingBackoffNotInATightLoop() {
        startLive();
        api.failPuts = 3;
        engine.setMonitoredAgents(Set.of("ann", "bob"));
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(api.calls.stream().filter(c -> c.startsWith("PUT"))).hasSize(1 + 4);
        assertThat(scheduler.requestedDelays()).containsSubsequence(Duration.ofMillis(750), Duration.ofMillis(1500),
                Duration.ofMillis(3000));
        assertThat(counter("voicegate.genesys.channel.failures", "step", "resubscribe")).isEqualTo(3);
        assertThat(engine.healthy()).isTrue(); // the channel still delivers the old set meanwhile
    }

    @Test
    void closedServiceCallsNoListener() {
        FakeSocket s = startLive();
        engine.close();
        s.receive(event("ann", "c1", "p1", "connected"));
        assertThat(events).isEmpty();
        assertThat(s.closed).isTrue();
        assertThat(engine.healthy()).isFalse();
    }
}
