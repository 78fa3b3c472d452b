package dev.voicegate.genesys.engine;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, initial * 2^(n-1))}, so retries of many clients spread out but never collapse to 0.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
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
