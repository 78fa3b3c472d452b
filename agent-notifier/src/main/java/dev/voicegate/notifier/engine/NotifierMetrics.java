package dev.voicegate.notifier.engine;

import dev.voicegate.notifier.api.CommandType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The {@code voicegate.notifier.*} meters. Tags are low-cardinality enums only.
 *
 * <ul>
 *   <li>{@code voicegate.notifier.clients} (gauge) connected clients</li>
 *   <li>{@code voicegate.notifier.conversations} (gauge) bound conversations</li>
 *   <li>{@code voicegate.notifier.queue.drops} {@code reason=superseded|overflow|closed}</li>
 *   <li>{@code voicegate.notifier.slow.closes} {@code cause=queue_full|unwritable}</li>
 *   <li>{@code voicegate.notifier.commands} {@code type, outcome=accepted|refused|failed|duplicate}</li>
 *   <li>{@code voicegate.notifier.auth.failures} {@code reason=missing|malformed|bad_signature|expired|...}</li>
 *   <li>{@code voicegate.notifier.token.expired.closes} sockets closed because their token expired</li>
 *   <li>{@code voicegate.notifier.publish.rejected} publishes for a conversation not bound to that agent</li>
 *   <li>{@code voicegate.notifier.rejections} connections closed before their first complete request,
 *       {@code reason=handshake_timeout|too_many_pending_connections}</li>
 * </ul>
 */
public final class NotifierMetrics {

    private final MeterRegistry registry;

    public NotifierMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    void gauges(Supplier<Number> clients, Supplier<Number> conversations) {
        Gauge.builder("voicegate.notifier.clients", clients, s -> s.get().doubleValue())
                .strongReference(true).register(registry);
        Gauge.builder("voicegate.notifier.conversations", conversations, s -> s.get().doubleValue())
                .strongReference(true).register(registry);
    }

    public void queueDrop(String reason) {
        registry.counter("voicegate.notifier.queue.drops", "reason", reason).increment();
    }

    public void slowClose(String cause) {
        registry.counter("voicegate.notifier.slow.closes", "cause", cause).increment();
    }

    public void tokenExpiredClose() {
        registry.counter("voicegate.notifier.token.expired.closes").increment();
    }

    public void command(CommandType type, String outcome) {
        registry.counter("voicegate.notifier.commands",
                "type", type == null ? "INVALID" : type.name(), "outcome", outcome).increment();
    }

    public void authFailure(String reason) {
        registry.counter("voicegate.notifier.auth.failures", "reason", reason.toLowerCase(Locale.ROOT)).increment();
    }

    public void rejection(String reason) {
        registry.counter("voicegate.notifier.rejections", "reason", reason).increment();
    }

    void publishRejected() {
        registry.counter("voicegate.notifier.publish.rejected").increment();
    }

    /** Reads a counter (tests and the README's figures). */
    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0.0 : c.count();
    }
}
