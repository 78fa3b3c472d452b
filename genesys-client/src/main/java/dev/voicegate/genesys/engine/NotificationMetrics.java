package dev.voicegate.genesys.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Micrometer meters of the notification service ({@code voicegate.genesys.*}); tags are
 * low-cardinality (state, reason, type, kind).
 */
final class NotificationMetrics {

    private final MeterRegistry meters;

    NotificationMetrics(MeterRegistry meters, Supplier<List<ChannelSession>> sessions, LongSupplier ticker,
                        Supplier<Boolean> healthy, Supplier<Integer> tracked) {
        this.meters = meters;
        for (ChannelState s : ChannelState.values()) {
            if (s != ChannelState.CLOSED) {
                Gauge.builder("voicegate.genesys.channels", sessions,
                        l -> l.get().stream().filter(c -> c.state() == s).count())
                        .tag("state", s.name().toLowerCase(java.util.Locale.ROOT))
                        .description("notification channels per lifecycle state").strongReference(true).register(meters);
            }
        }
        Gauge.builder("voicegate.genesys.heartbeat.age", sessions, l -> {
            long now = ticker.getAsLong();
            return l.get().stream().filter(c -> c.state() == ChannelState.ACTIVE || c.state() == ChannelState.RECONNECTING)
                    .mapToLong(c -> now - c.lastLivenessNanos).max().orElse(0) / 1e9;
        }).baseUnit("seconds").description("oldest heartbeat/pong age over live channels").strongReference(true).register(meters);
        Gauge.builder("voicegate.genesys.healthy", healthy, h -> h.get() ? 1 : 0).strongReference(true).register(meters);
        Gauge.builder("voicegate.genesys.tracked.conversations", tracked, Supplier::get).strongReference(true).register(meters);
    }

    void reconnect(String reason) {
        Counter.builder("voicegate.genesys.channel.reconnects").tag("reason", reason).register(meters).increment();
    }

    void rotation(String reason) {
        Counter.builder("voicegate.genesys.channel.rotations").tag("reason", reason).register(meters).increment();
    }

    void received(String type) {
        Counter.builder("voicegate.genesys.events.received").tag("type", type).register(meters).increment();
    }

    void emitted(String kind) {
        Counter.builder("voicegate.genesys.events.emitted").tag("kind", kind).register(meters).increment();
    }

    void failure(String what) {
        Counter.builder("voicegate.genesys.channel.failures").tag("step", what).register(meters).increment();
    }
}
