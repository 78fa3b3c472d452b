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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** A fake Genesys plus a client wired to it with fast liveness timers; collects events. */
final class FakeGenesysHarness implements AutoCloseable {

    final FakeGenesysCloud fake;
    final GenesysClient client;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<ConversationEvent> events = new CopyOnWriteArrayList<>();
    final List<String> health = new CopyOnWriteArrayList<>();

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

    /** The first received event matching, waiting up to 20 s for it. Events are kept, never consumed. */
    ConversationEvent nextEvent(Predicate<ConversationEvent> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (ConversationEvent e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            TimeUnit.MILLISECONDS.sleep(10); // polling the collected events, not synchronising on elapsed time
        }
        throw new AssertionError("no matching event within 60 s; got " + events.size() + " events");
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling a condition, not synchronising on elapsed time
        }
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
