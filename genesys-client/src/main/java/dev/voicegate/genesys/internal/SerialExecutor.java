package dev.voicegate.genesys.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs submitted tasks one at a time, in order, on a delegate executor, so the notification state
 * needs no locks. Bounded: beyond {@code capacity} queued tasks {@link #execute} throws
 * {@link RejectedExecutionException} (callers count and log it). A task that throws is logged and
 * does not stop the queue.
 */
public final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final int capacity;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    public SerialExecutor(Executor delegate, int capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            if (queue.size() >= capacity) {
                throw new RejectedExecutionException("serial queue full (" + capacity + " tasks)");
            }
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            delegate.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (queue) {
                queue.remove(task);
                running = false;
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.error("[genesys] notification task failed", e);
            }
        }
    }

    /** Tasks waiting to run. */
    public int queued() {
        synchronized (queue) {
            return queue.size();
        }
    }
}
