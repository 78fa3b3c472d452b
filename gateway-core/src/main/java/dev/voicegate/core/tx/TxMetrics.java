package dev.voicegate.core.tx;

import dev.voicegate.notifier.api.AlertType;
import dev.voicegate.notifier.api.TransactionKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** Meters of the transaction layer ({@code voicegate.tx.*}); tags are low-cardinality. */
final class TxMetrics {
    private final MeterRegistry registry;
    private final Timer decision;

    TxMetrics(MeterRegistry registry, IntSupplier liveCalls) {
        this.registry = registry;
        Gauge.builder("voicegate.tx.calls", liveCalls::getAsInt).description("bound calls with transaction state").register(registry);
        decision = Timer.builder("voicegate.tx.decision.latency")
                .description("net-speech threshold reached (or maxListen) to result published to the agent")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void started(TransactionKind kind) {
        Counter.builder("voicegate.tx.started").tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    void ended(Transaction tx, TxState end) {
        Counter.builder("voicegate.tx.ended").tag("kind", tx.kind.name().toLowerCase(Locale.ROOT))
                .tag("state", end.name().toLowerCase(Locale.ROOT))
                .tag("result", tx.results == null || tx.results.bioResult() == null ? "none" : tx.results.bioResult().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    void decided(Transaction tx, long nanos) {
        if (tx.thresholdReachedNanos != 0) {
            decision.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void alert(AlertType type) {
        Counter.builder("voicegate.tx.alerts").tag("type", type.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }
}
