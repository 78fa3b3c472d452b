package dev.voicegate.audiohook.session;

import dev.voicegate.audiohook.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.stream.Collectors;

/** Test transport: records sent messages; tasks run only when the test says so. */
final class FakeTransport implements SessionTransport {

    final List<ServerMessage> sent = new ArrayList<>();
    final Queue<Runnable> executed = new ArrayDeque<>();
    final List<ScheduledTask> scheduled = new ArrayList<>();
    boolean inLoop = true;
    boolean writable = true;

    static final class ScheduledTask implements Scheduled {
        final Runnable task;
        final Duration delay;
        boolean cancelled;

        ScheduledTask(Runnable task, Duration delay) {
            this.task = task;
            this.delay = delay;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public void send(ServerMessage message) {
        sent.add(message);
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public boolean inEventLoop() {
        return inLoop;
    }

    @Override
    public void execute(Runnable task) {
        executed.add(task);
    }

    @Override
    public Scheduled schedule(Runnable task, Duration delay) {
        ScheduledTask t = new ScheduledTask(task, delay);
        scheduled.add(t);
        return t;
    }

    /** Runs queued execute() tasks as the event loop would. */
    void runPending() {
        boolean was = inLoop;
        inLoop = true;
        Runnable r;
        while ((r = executed.poll()) != null) {
            r.run();
        }
        inLoop = was;
    }

    /** Fires every scheduled task that is not cancelled. */
    void fireScheduled() {
        List<ScheduledTask> due = new ArrayList<>(scheduled);
        scheduled.clear();
        for (ScheduledTask t : due) {
            if (!t.cancelled) {
                t.task.run();
            }
        }
    }

    List<String> types() {
        return sent.stream().map(ServerMessage::type).collect(Collectors.toList());
    }

    ServerMessage last() {
        return sent.get(sent.size() - 1);
    }
}
