package dev.voicegate.testing.genesys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An in-process fake Genesys Cloud organisation for tests: WireMock answers the REST API (OAuth
 * token, groups, queues, notification channels and subscriptions, conversations, participant
 * attributes, users/me) and a Netty server speaks the notification WebSocket. Both listen on
 * 127.0.0.1 port 0; every instance is independent. Wire shapes follow
 * {@code shared/docs/genesys-api.md}; see {@link ConversationEventBodies} for the event JSON.
 *
 * <p>Fault injection: {@link #failNext}, {@link #rateLimitNext}, {@link #delayNext},
 * {@link #tokenLifetime}, {@link #dropSockets}, {@link #stopHeartbeats}, {@link #sendSocketClosing},
 * {@link #sendNoLongerSubscribed}, {@link #expireChannel}, {@link #kickWithSecondConnection};
 * more than 1,000 topics on a channel are answered with 400. Thread-safe.
 */
public final class FakeGenesysCloud implements AutoCloseable {

    /** Default OAuth client of the fake. */
    public static final String CLIENT_ID = "fake-client-id";
    public static final String CLIENT_SECRET = "fake-client-secret";

    private final FakeOrg org;
    private final FakeChannels channels;
    private final FakeFaults faults = new FakeFaults();
    private final FakeRestRouter router;
    private final FakeNotificationServer notifications;
    private final WireMockServer wireMock;
    private final ScheduledExecutorService timers;
    private final List<WebSocket> intruders = new ArrayList<>();

    private FakeGenesysCloud(Builder b) throws InterruptedException {
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-genesys-timers");
            t.setDaemon(true);
            return t;
        });
        org = new FakeOrg(b.clock, b.tokenLifetime);
        channels = new FakeChannels(b.clock, timers);
        channels.lifetime(b.channelLifetime);
        notifications = new FakeNotificationServer(channels, b.heartbeatPeriod);
        channels.wsBaseUri("ws://127.0.0.1:" + notifications.start());
        router = new FakeRestRouter(org, channels, faults, CLIENT_ID, CLIENT_SECRET);
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(24).extensions(router));
        wireMock.start();
        wireMock.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(404)));
    }

    /** Starts a fake with defaults (30 s heartbeats, 24 h tokens and channels). */
    public static FakeGenesysCloud start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL for REST calls, e.g. {@code http://127.0.0.1:41234}. */
    public String apiBaseUrl() {
        return "http://127.0.0.1:" + wireMock.port();
    }

    /** Base URL of the OAuth endpoint (same server). */
    public String loginBaseUrl() {
        return apiBaseUrl();
    }

    // ---- organisation -------------------------------------------------------------------------

    /** Adds an agent with a fresh user id and returns the id. */
    public String addAgent(String name) {
        String id = UUID.randomUUID().toString();
        org.addAgent(id, name);
        return id;
    }

    public void addAgent(String userId, String name) {
        org.addAgent(userId, name);
    }

    public void addGroupMember(String groupId, String userId) {
        org.addGroupMember(groupId, userId);
    }

    public void removeGroupMember(String groupId, String userId) {
        org.removeGroupMember(groupId, userId);
    }

    public void addQueueMember(String queueId, String userId) {
        org.addQueueMember(queueId, userId);
    }

    /** Issues a user (agent) bearer token accepted by {@code GET /api/v2/users/me}. */
    public String addUserToken(String userId) {
        return org.addUserToken(userId);
    }

    /**
     * Registers an OAuth client with the implicit grant ("Token Implicit Grant (Browser)") and its authorized
     * redirect URIs, for {@code GET /oauth/authorize} on {@link #loginBaseUrl()}.
     */
    public void addImplicitGrantClient(String clientId, String... redirectUris) {
        org.addImplicitClient(clientId, Set.of(redirectUris));
    }

    /**
     * Stands for {@code userId} having signed in at the login page (the fake has no login form): from now
     * on {@code /oauth/authorize} issues that user's tokens. {@code null} signs out.
     */
    public void signIn(String userId) {
        org.signIn(userId);
    }

    // ---- calls ---------------------------------------------------------------------------------

    /** Starts an inbound call answered by {@code agentUserId}; publishes the event; returns its id. */
    public String startCall(String agentUserId, String ani, String dnis) {
        String id = prepareCall(agentUserId, ani, dnis);
        republish(id);
        return id;
    }

    /**
     * Creates a call answered by {@code agentUserId} WITHOUT publishing its event (as when the event is
     * lost: notifications are not durable). {@link #republish} publishes it later; REST sees it at once.
     */
    public String prepareCall(String agentUserId, String ani, String dnis) {
        if (!org.isAgent(agentUserId)) {
            throw new IllegalArgumentException("agentUserId: " + agentUserId + " (expected: an added agent)");
        }
        FakeConversation c = org.newConversation(ani, dnis);
        synchronized (org) {
            c.addLeg(newLeg(agentUserId));
        }
        return c.id();
    }

    /** Blind transfer: the connected agent legs end (disconnectType transfer), {@code toAgent} connects. */
    public void transfer(String conversationId, String toAgentUserId) {
        FakeConversation c = org.requireConversation(conversationId);
        synchronized (org) {
            for (FakeConversation.AgentLeg leg : c.legs()) {
                c.disconnectLegsOf(leg.userId(), org.clock().instant(), "transfer");
            }
            c.addLeg(newLeg(toAgentUserId));
        }
        publish(c);
    }

    /** The customer hangs up: every leg ends; the event goes to every agent that had a leg. */
    public void endCall(String conversationId) {
        FakeConversation c = org.requireConversation(conversationId);
        synchronized (org) {
            c.end(org.clock().instant());
        }
        publish(c);
    }

    /** Re-publishes the current snapshot of a conversation (a duplicate event, as Genesys sends). */
    public void republish(String conversationId) {
        publish(org.requireConversation(conversationId));
    }

    /** Sends an arbitrary event body on a topic; returns the number of sockets it reached. */
    public int sendRawEvent(String topicName, ObjectNode eventBody) {
        return channels.publish(topicName, ConversationEventBodies.envelope(topicName, eventBody));
    }

    public Optional<FakeConversation> conversation(String id) {
        return org.conversation(id);
    }

    public List<AttributeWrite> attributeWrites() {
        return org.writes();
    }

    private FakeConversation.AgentLeg newLeg(String userId) {
        return new FakeConversation.AgentLeg(UUID.randomUUID().toString(), userId, null, "connected",
                org.clock().instant(), null, null);
    }

    private void publish(FakeConversation c) {
        ObjectNode body;
        Set<String> users = new LinkedHashSet<>();
        synchronized (org) {
            body = ConversationEventBodies.conversationEventBody(c);
            c.legs().forEach(l -> users.add(l.userId()));
        }
        for (String user : users) {
            String topic = ConversationEventBodies.userConversationsTopic(user);
            channels.publish(topic, ConversationEventBodies.envelope(topic, body));
        }
    }

    // ---- faults --------------------------------------------------------------------------------

    /** The next {@code times} requests matching method ({@code *} = any) and path regex get {@code status}. */
    public void failNext(String method, String pathRegex, int status, int times) {
        faults.add(method, pathRegex, new FakeFaults.Fault(status, 0, null), times);
    }

    /** The next {@code times} matching requests get 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(String method, String pathRegex, int retryAfterSeconds, int times) {
        faults.add(method, pathRegex, new FakeFaults.Fault(429, retryAfterSeconds, null), times);
    }

    /** The next {@code times} matching requests are answered normally after {@code delay}. */
    public void delayNext(String method, String pathRegex, Duration delay, int times) {
        faults.add(method, pathRegex, new FakeFaults.Fault(0, 0, delay), times);
    }

    /** Lifetime ({@code expires_in}) of tokens issued from now on; channels die with their token. */
    public void tokenLifetime(Duration lifetime) {
        org.setTokenLifetime(lifetime);
    }

    /** Every issued app token becomes invalid (401). */
    public void revokeTokens() {
        org.revokeAppTokens();
    }

    public void dropSockets() {
        notifications.dropAll();
    }

    /** Stops heartbeats and pong answers on every socket (dead but open sockets). */
    public void stopHeartbeats() {
        notifications.silent(true);
    }

    public void resumeHeartbeats() {
        notifications.silent(false);
    }

    /** Sends {@code v2.system.socket_closing} to every socket, and closes them after {@code grace}. */
    public void sendSocketClosing(Duration grace) {
        notifications.socketClosing(grace);
    }

    /** Every connected channel loses its subscriptions and gets {@code v2.system.no_longer_subscribed}. */
    public void sendNoLongerSubscribed() {
        for (FakeChannel ch : channels.liveChannels(null)) {
            io.netty.channel.Channel conn = ch.connection;
            if (conn != null) {
                channels.clearTopics(ch);
                conn.writeAndFlush(new io.netty.handler.codec.http.websocketx.TextWebSocketFrame(
                        ConversationEventBodies.noLongerSubscribed(ch.id)));
            }
        }
    }

    /** The channel dies now (404 on REST, 404 signal and close on its socket). */
    public void expireChannel(String channelId) {
        channels.expire(channelId);
    }

    public void expireAllChannels() {
        channels.liveChannels(null).forEach(c -> channels.expire(c.id));
    }

    /** Opens a second WebSocket on the channel, which kicks the current one (one connection per channel). */
    public void kickWithSecondConnection(String channelId) {
        FakeChannel ch = channels.live(channelId).orElseThrow(
                () -> new IllegalArgumentException("channelId: " + channelId + " (expected: a live channel)"));
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(ch.connectUri), new WebSocket.Listener() { })
                .orTimeout(10, TimeUnit.SECONDS).join();
        synchronized (intruders) {
            intruders.add(ws);
        }
    }

    // ---- inspection ----------------------------------------------------------------------------

    /** Ids of the live channels, oldest first. */
    public List<String> channelIds() {
        return channels.liveChannels(null).stream().map(c -> c.id).toList();
    }

    /** Ids of the live channels that have a WebSocket attached, oldest first. */
    public List<String> connectedChannelIds() {
        return channels.liveChannels(null).stream().filter(c -> c.connection != null && c.connection.isActive())
                .map(c -> c.id).toList();
    }

    public List<String> subscribedTopics(String channelId) {
        return channels.live(channelId).map(channels::topics).orElse(List.of());
    }

    /** Number of WebSockets currently attached to live channels. */
    public int connectedSockets() {
        return channels.connections().size();
    }

    public int appTokensIssued() {
        return org.appTokensIssued();
    }

    /** Requests seen with this method ({@code *} not allowed) whose path matches the regex. */
    public int requestCount(String method, String pathRegex) {
        return router.countMatching(method, pathRegex);
    }

    /** Every request as {@code "METHOD /path"}, in arrival order. */
    public List<String> requestLog() {
        return router.log();
    }

    /**
     * Forgets what the fake records for inspection and never drops by itself: ended conversations,
     * attribute writes, the request log and counts, and WireMock's request journal. For long runs
     * (the soak tool) that measure the memory of the JVM they share with the fake.
     */
    public void forgetHistory() {
        org.forgetHistory();
        router.forgetHistory();
        wireMock.resetRequests();
    }

    @Override
    public void close() {
        synchronized (intruders) {
            intruders.forEach(WebSocket::abort);
        }
        wireMock.stop();
        notifications.close();
        timers.shutdownNow();
    }

    /** Options of a fake; all have test-friendly defaults. */
    public static final class Builder {
        private Duration heartbeatPeriod = Duration.ofSeconds(30);
        private Duration tokenLifetime = Duration.ofSeconds(86399);
        private Duration channelLifetime = Duration.ofHours(24);
        private Clock clock = Clock.systemUTC();

        public Builder heartbeatPeriod(Duration period) {
            this.heartbeatPeriod = period;
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        public Builder channelLifetime(Duration lifetime) {
            this.channelLifetime = lifetime;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public FakeGenesysCloud start() {
            try {
                return new FakeGenesysCloud(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the fake Genesys Cloud", e);
            }
        }
    }
}
