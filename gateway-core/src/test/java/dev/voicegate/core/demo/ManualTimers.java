package dev.voicegate.core.demo;

import dev.voicegate.core.time.Timers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Timers that fire only when the test says so, in order of due time. */
final class ManualTimers implements Timers {
    private record Task(Runnable task, long dueNanos, boolean[] cancelled) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private long nowNanos;

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        boolean[] cancelled = {false};
        tasks.add(new Task(task, nowNanos + delay.toNanos(), cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward and runs every task that became due. */
    void advance(Duration by) {
        nowNanos += by.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.dueNanos() <= nowNanos)
                        .min((a, b) -> Long.compare(a.dueNanos(), b.dueNanos())).orElse(null);
                if (next == null) {
                    return;
                }
                tasks.remove(next);
            }
            if (!next.cancelled()[0]) {
                next.task().run();
            }
        }
    }
}
