package dev.voicegate.core.time;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One-shot timers for domain logic, so tests can fire them deterministically. Tasks must be short
 * and must not block (they run on a shared scheduler thread).
 */
public interface Timers {

    /** A scheduled task that can be cancelled (cancelling a fired or cancelled task is a no-op). */
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Runnable task, Duration delay);

    /** Timers on a {@link ScheduledExecutorService} (production). */
    static Timers on(ScheduledExecutorService scheduler) {
        return (task, delay) -> {
            ScheduledFuture<?> f = scheduler.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
