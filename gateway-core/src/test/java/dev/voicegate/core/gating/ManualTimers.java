package dev.voicegate.core.gating;

import dev.voicegate.core.time.Timers;
import dev.voicegate.testing.time.ManualClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Timers that fire when the test advances its {@link ManualClock}. */
public final class ManualTimers implements Timers {
    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Cancellable {
        final long dueNanos;
        final Runnable run;
        boolean cancelled;

        Task(long dueNanos, Runnable run) {
            this.dueNanos = dueNanos;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public ManualTimers(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(clock.ticker().getAsLong() + delay.toNanos(), task);
        tasks.add(t);
        return t;
    }

    /** Advances time, running due tasks in order. */
    public void advance(Duration by) {
        long target = clock.ticker().getAsLong() + by.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.cancelled && t.dueNanos <= target)
                        .min(Comparator.comparingLong(t -> t.dueNanos)).orElse(null);
                if (next != null) {
                    tasks.remove(next);
                }
            }
            if (next == null) {
                break;
            }
            long now = clock.ticker().getAsLong();
            if (next.dueNanos > now) {
                clock.advance(Duration.ofNanos(next.dueNanos - now));
            }
            next.run.run();
        }
        long now = clock.ticker().getAsLong();
        if (target > now) {
            clock.advance(Duration.ofNanos(target - now));
        }
    }
}
