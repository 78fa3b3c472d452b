package dev.voicegate.genesys.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.config.GenesysConfig;
import dev.voicegate.genesys.engine.GenesysRest;
import dev.voicegate.genesys.engine.NotificationEngine;
import dev.voicegate.genesys.engine.RestExecutor;
import dev.voicegate.genesys.engine.TokenProvider;
import dev.voicegate.genesys.internal.HttpTransport;
import dev.voicegate.genesys.internal.JdkHttpTransport;
import dev.voicegate.genesys.internal.JdkSocketConnector;
import dev.voicegate.genesys.internal.Scheduler;
import dev.voicegate.genesys.internal.SocketConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Client of the Genesys Cloud platform API for one OAuth client (fact sheet §1–§5): directory
 * listings, conversations, participant attributes, user look-up by token, and the
 * {@link #notifications() notification service}. Every REST method is asynchronous, never blocks,
 * and completes exceptionally with a {@link GenesysException} (a {@link GenesysApiException} names
 * the status and Genesys {@code contextId}; {@link GenesysOverloadedException} means the local queue
 * is full). Calls share one token, one rate limit (under 300 req/min) and one concurrency bound.
 * Thread-safe. Build with {@link #builder(GenesysConfig)}; {@link #close()} when done.
 */
public final class GenesysClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GenesysClient.class);

    private final GenesysRest rest;
    private final NotificationEngine notifications;
    private final ScheduledExecutorService ownedScheduler;

    private GenesysClient(Builder b) {
        GenesysConfig config = b.config;
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        ScheduledExecutorService executor = b.scheduler;
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "genesys-client");
                t.setDaemon(true);
                return t;
            });
        }
        ownedScheduler = b.scheduler == null ? executor : null;
        HttpClient http = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .connectTimeout(config.http().connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpTransport transport = b.transport != null ? b.transport : new JdkHttpTransport(http);
        SocketConnector connector = b.connector != null ? b.connector : new JdkSocketConnector(http,
                config.http().connectTimeout(), config.notifications().maxMessageBytes());
        Scheduler scheduler = Scheduler.of(executor);
        TokenProvider tokens = new TokenProvider(transport, config.loginBase(), config.clientId(), config.clientSecret(),
                new TokenProvider.TokenSettings(b.ticker, config.http().tokenRefreshFraction(),
                        config.http().requestTimeout(), json));
        RestExecutor executorRest = new RestExecutor(config.apiBase(), config.http(), json,
                new RestExecutor.Deps(transport, tokens, scheduler, b.ticker, b.random, b.meters));
        rest = new GenesysRest(executorRest, json);
        notifications = new NotificationEngine(config.notifications(), new NotificationEngine.Deps(rest, tokens,
                connector, scheduler, executor, b.clock, b.ticker, b.random, b.meters, json));
        log.info("[genesys] client for {} (login {}) ready", config.apiBase(), config.loginBase());
    }

    /** A builder with production defaults (system clock, {@code System::nanoTime}, own scheduler thread). */
    public static Builder builder(GenesysConfig config) {
        return new Builder(config);
    }

    /** Every member of a group ({@code GET /api/v2/groups/{id}/members}, all pages). */
    public CompletableFuture<List<DirectoryMember>> groupMembers(String groupId) {
        return rest.groupMembers(groupId);
    }

    /** Every member of a queue ({@code GET /api/v2/routing/queues/{id}/members}, all pages). */
    public CompletableFuture<List<DirectoryMember>> queueMembers(String queueId) {
        return rest.queueMembers(queueId);
    }

    /** The conversation ({@code GET /api/v2/conversations/{id}}), or empty if Genesys answers 404. */
    public CompletableFuture<Optional<ConversationSnapshot>> conversation(String conversationId) {
        return rest.conversation(conversationId);
    }

    /** Sets participant attributes ({@code PATCH …/participants/{p}/attributes}, body {@code {"attributes":{…}}}). */
    public CompletableFuture<Void> updateParticipantAttributes(String conversationId, String participantId,
                                                               Map<String, String> attributes) {
        return rest.updateParticipantAttributes(conversationId, participantId, attributes);
    }

    /** The user owning {@code userBearerToken} ({@code GET /api/v2/users/me}); used to authenticate agents. */
    public CompletableFuture<GenesysUser> userForToken(String userBearerToken) {
        return rest.userForToken(userBearerToken);
    }

    /** The notification service of this client (one per client; call {@code start()} on it). */
    public NotificationService notifications() {
        return notifications;
    }

    /** Closes the notification service and the scheduler this client created (not an injected one). */
    @Override
    public void close() {
        notifications.close();
        if (ownedScheduler != null) {
            ownedScheduler.shutdownNow();
        }
    }

    /** Options of a {@link GenesysClient}; everything but the config has a default. */
    public static final class Builder {
        private final GenesysConfig config;
        private ScheduledExecutorService scheduler;
        private Clock clock = Clock.systemUTC();
        private LongSupplier ticker = System::nanoTime;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private MeterRegistry meters = new SimpleMeterRegistry();
        private HttpClient httpClient;
        private HttpTransport transport;
        private SocketConnector connector;

        private Builder(GenesysConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Runs timers, retries and listener callbacks; not shut down by {@code close()} when injected. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Wall clock (event receive times, channel expiry). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Monotonic nanoseconds (token lifetime, rate limit, heartbeat ages). */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Uniform [0,1) source for backoff jitter. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        /** The JDK HTTP client for REST and WebSocket (e.g. with a proxy or custom TLS). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** Replaces the REST transport (tests). */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Replaces the WebSocket connector (tests). */
        public Builder socketConnector(SocketConnector connector) {
            this.connector = Objects.requireNonNull(connector, "connector");
            return this;
        }

        public GenesysClient build() {
            return new GenesysClient(this);
        }
    }
}
