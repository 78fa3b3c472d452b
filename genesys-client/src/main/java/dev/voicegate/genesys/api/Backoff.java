package dev.voicegate.genesys.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, initial * 2^(n-1))}, so retries of many clients spread out but never collapse to 0.
 * The one retry-delay policy of VoiceGate: this client's REST calls and notification channel set-up use
 * it, and gateway-core's agent-directory sync too (with the jitter source of its shared resources).
 * Immutable and thread-safe when {@code random} is.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /**
     * @param initial first delay cap (attempt 1), &gt; 0
     * @param max     cap of every delay, &gt; 0 (below {@code initial} it caps the first delay too)
     * @param random  uniform in [0, 1)
     */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("backoff: initial " + initial + ", max " + max + " (expected: both > 0)");
        }
        this.initial = initial;
        this.max = max;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Delay before retry number {@code attempt} (1 = first retry). */
    public Duration delay(int attempt) {
        long cap = initial.toNanos();
        for (int i = 1; i < attempt && cap < max.toNanos(); i++) {
            cap *= 2;
        }
        cap = Math.min(cap, max.toNanos());
        return Duration.ofNanos(cap / 2 + (long) (random.getAsDouble() * (cap / 2)));
    }
}
