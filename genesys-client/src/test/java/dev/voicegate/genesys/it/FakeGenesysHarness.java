package dev.voicegate.genesys.it;

import dev.voicegate.genesys.api.ConversationEvent;
import dev.voicegate.genesys.api.GenesysClient;
import dev.voicegate.genesys.config.GenesysConfig;
import dev.voicegate.genesys.config.HttpConfig;
import dev.voicegate.genesys.config.NotificationConfig;
import dev.voicegate.testing.genesys.FakeGenesysCloud;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A fake Genesys plus a client wired to it with fast liveness timers; collects events. */
final class FakeGenesysHarness implements AutoCloseable {

    final FakeGenesysCloud fake;
    final GenesysClient client;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<ConversationEvent> events = new CopyOnWriteArrayList<>();
    final List<String> health = new CopyOnWriteArrayList<>();

    /** Safety net only: conditions are polled and the wait ends as soon as they hold. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(20);

    FakeGenesysHarness(FakeGenesysCloud.Builder fakeBuilder, NotificationConfig notifications) {
        this(fakeBuilder, notifications, Duration.ofSeconds(10));
    }

    FakeGenesysHarness(FakeGenesysCloud.Builder fakeBuilder, NotificationConfig notifications, Duration requestTimeout) {
        fake = fakeBuilder.start();
        GenesysConfig config = GenesysConfig.forBaseUrls(fake.apiBaseUrl(), fake.loginBaseUrl(),
                FakeGenesysCloud.CLIENT_ID, FakeGenesysCloud.CLIENT_SECRET)
                .withHttp(HttpConfig.defaults().withRetry(4, Duration.ofMillis(50), Duration.ofMillis(400))
                        .withRequestTimeout(requestTimeout))
                .withNotifications(notifications);
        client = GenesysClient.builder(config).meterRegistry(meters).build();
        client.notifications().addEventListener(events::add);
        client.notifications().addHealthListener((ok, why) -> health.add(ok + ":" + why));
    }

    static NotificationConfig fastLiveness() {
        return NotificationConfig.defaults().withLiveness(Duration.ofMillis(500), Duration.ofSeconds(3))
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    /** The first received event matching, waiting up to 60 s for it. Events are kept, never consumed. */
    ConversationEvent nextEvent(Predicate<ConversationEvent> match) {
        return Awaitility.await("an event matching the test's predicate").atMost(WAIT).pollInterval(POLL)
                .until(() -> events.stream().filter(match).findFirst().orElse(null), Objects::nonNull);
    }

    static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(POLL).until(condition::getAsBoolean);
    }

    double counter(String name, String tag, String value) {
        var c = meters.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        client.close();
        fake.close();
    }
}
