package dev.voicegate.core.gating;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Micrometer meters of the correlator ({@code voicegate.gating.*}). */
public final class CorrelatorMetrics {

    /** How a stream got bound. */
    public enum Path { EVENT_FIRST, OPEN_FIRST, REST_FALLBACK, REBOUND }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Path, Counter> matched = new EnumMap<>(Path.class);
    private final Timer matchLatency;
    private final Timer eventToResume;
    private final Timer eventLag;
    private final Counter timedOut;
    private final Counter released;
    private final Counter overflow;
    private final Counter unmonitored;
    private final Counter rebound;
    private final Counter lookups;
    private final Counter lookupMatches;

    public CorrelatorMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (Path p : Path.values()) {
            matched.put(p, Counter.builder("voicegate.gating.matched").tag("path", p.name().toLowerCase())
                    .description("streams bound to a monitored agent").register(registry));
        }
        matchLatency = Timer.builder("voicegate.gating.match.latency").description("open to bind")
                .publishPercentiles(0.5, 0.99).register(registry);
        eventToResume = Timer.builder("voicegate.gating.event.to.resume").description("event received to resume requested, inside the gateway")
                .publishPercentiles(0.5, 0.99).register(registry);
        eventLag = Timer.builder("voicegate.gating.event.lag").description("Genesys event time to receipt")
                .publishPercentiles(0.5, 0.99).register(registry);
        timedOut = Counter.builder("voicegate.gating.unmatched").tag("cause", "timeout").register(registry);
        released = Counter.builder("voicegate.gating.unmatched").tag("cause", "agent_left").register(registry);
        overflow = Counter.builder("voicegate.gating.unmatched").tag("cause", "overflow").register(registry);
        unmonitored = Counter.builder("voicegate.gating.events.ignored").tag("cause", "unmonitored_agent").register(registry);
        rebound = Counter.builder("voicegate.gating.transfers").tag("to", "monitored").register(registry);
        lookups = Counter.builder("voicegate.gating.fallback.lookups").register(registry);
        lookupMatches = Counter.builder("voicegate.gating.fallback.matches").register(registry);
    }

    void bindGauges(IntSupplier waiting, IntSupplier remembered, IntSupplier bound) {
        Gauge.builder("voicegate.gating.pending.sessions", waiting::getAsInt).register(registry);
        Gauge.builder("voicegate.gating.remembered.events", remembered::getAsInt).register(registry);
        Gauge.builder("voicegate.gating.bound.sessions", bound::getAsInt).register(registry);
    }

    /**
     * A stream bound after {@code waited}. A session that registers between the event's receipt and its
     * handling waited a few nanoseconds less than nothing (the two clocks readings race); it waited zero.
     */
    void matched(Path path, Duration waited) {
        matched.get(path).increment();
        matchLatency.record(waited.isNegative() ? Duration.ZERO : waited);
    }

    void eventToResume(long nanos) {
        eventToResume.record(nanos, TimeUnit.NANOSECONDS);
    }

    void eventLag(AgentConversationEvent e) {
        if (e.eventTime() != null) {
            long lag = Duration.between(e.eventTime(), e.receivedAt()).toMillis();
            if (lag >= 0) {
                eventLag.record(lag, TimeUnit.MILLISECONDS);
            }
        }
    }

    void timedOut(boolean afterAgentLeft) {
        (afterAgentLeft ? released : timedOut).increment();
    }

    void overflow() {
        overflow.increment();
    }

    void unmonitoredEvent() {
        unmonitored.increment();
    }

    void rebound() {
        rebound.increment();
    }

    void fallbackLookup() {
        lookups.increment();
    }

    void fallbackMatch() {
        lookupMatches.increment();
    }

    Clock clock() {
        return clock;
    }
}
