package dev.voicegate.audiohook.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Meters of {@link RequestAuthenticator}; names {@code voicegate.audiohook.auth.*}, low-cardinality tags. */
final class AuthMetrics {

    private final Map<SignatureResult, Counter> accepted = new EnumMap<>(SignatureResult.class);
    private final Map<SignatureResult, Counter> rejected = new EnumMap<>(SignatureResult.class);

    AuthMetrics(MeterRegistry registry, NonceReplayCache nonces) {
        for (SignatureResult result : SignatureResult.values()) {
            accepted.put(result, outcomes(registry, result, true));
            rejected.put(result, outcomes(registry, result, false));
        }
        Gauge.builder("voicegate.audiohook.auth.nonces", nonces, NonceReplayCache::size)
                .description("Remembered nonces of verified signatures (replay detection)")
                .register(registry);
        FunctionCounter.builder("voicegate.audiohook.auth.nonce.evictions", nonces, NonceReplayCache::expiredEvictions)
                .description("Nonces dropped from the replay cache")
                .tag("cause", "expired")
                .register(registry);
        FunctionCounter.builder("voicegate.audiohook.auth.nonce.evictions", nonces, NonceReplayCache::liveEvictions)
                .description("Nonces dropped from the replay cache")
                .tag("cause", "overflow")
                .register(registry);
    }

    void record(AuthOutcome outcome) {
        (outcome.accepted() ? accepted : rejected).get(outcome.result()).increment();
    }

    private static Counter outcomes(MeterRegistry registry, SignatureResult result, boolean isAccepted) {
        return Counter.builder("voicegate.audiohook.auth.outcomes")
                .description("AudioHook upgrade requests by authentication outcome")
                .tag("result", result.name())
                .tag("accepted", Boolean.toString(isAccepted))
                .register(registry);
    }
}
