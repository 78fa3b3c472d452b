package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.internal.Scheduler;
import dev.voicegate.testing.time.ManualClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** A {@link Scheduler} on a {@link ManualClock}: tasks run only when the test advances time. */
final class ManualScheduler implements Scheduler {

    private record Task(long dueNanos, long seq, Runnable run) {
    }

    private final ManualClock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::seq));
    private final List<Duration> requested = new ArrayList<>();
    private long seq;

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        requested.add(delay);
        Task t = new Task(clock.ticker().getAsLong() + delay.toNanos(), seq++, task);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward, running every task that falls due, in order. */
    void advance(Duration by) {
        long target = clock.ticker().getAsLong() + by.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueNanos() > target) {
                    break;
                }
                tasks.poll();
            }
            long now = clock.ticker().getAsLong();
            if (next.dueNanos() > now) {
                clock.advance(Duration.ofNanos(next.dueNanos() - now));
            }
            next.run().run();
        }
        long now = clock.ticker().getAsLong();
        if (target > now) {
            clock.advance(Duration.ofNanos(target - now));
        }
    }

    synchronized List<Duration> requestedDelays() {
        return List.copyOf(requested);
    }

    synchronized int pending() {
        return tasks.size();
    }
}
