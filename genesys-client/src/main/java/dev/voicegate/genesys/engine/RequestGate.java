package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.api.GenesysOverloadedException;

import java.util.ArrayDeque;

/**
 * Bounded concurrency for REST calls: at most {@code maxConcurrent} run; up to {@code maxQueued}
 * wait in FIFO order; beyond that {@link #submit} throws {@link GenesysOverloadedException}.
 * Every granted slot must be given back with {@link #release()}. Thread-safe; tasks run outside the lock.
 */
public final class RequestGate {

    private final int maxConcurrent;
    private final int maxQueued;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public RequestGate(int maxConcurrent, int maxQueued) {
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
    }

    /** Runs {@code task} now if a slot is free, else queues it. */
    public void submit(Runnable task) {
        synchronized (this) {
            if (running >= maxConcurrent) {
                if (waiting.size() >= maxQueued) {
                    throw new GenesysOverloadedException("genesys request queue full (" + maxQueued
                            + " waiting, " + maxConcurrent + " in flight)");
                }
                waiting.add(task);
                return;
            }
            running++;
        }
        task.run();
    }

    /** Gives a slot back; starts the next waiting task on it, if any. */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        next.run();
    }

    public synchronized int inFlight() {
        return running;
    }

    public synchronized int queued() {
        return waiting.size();
    }
}
