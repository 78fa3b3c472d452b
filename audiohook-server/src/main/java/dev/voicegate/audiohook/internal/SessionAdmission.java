package dev.voicegate.audiohook.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts concurrent sessions against a maximum. Thread-safe (compare-and-set). */
public final class SessionAdmission {

    private final int max;
    private final AtomicInteger active = new AtomicInteger();

    public SessionAdmission(int max) {
        this.max = max;
    }

    /** Takes a slot; false when all {@code max} are taken. */
    public boolean tryAcquire() {
        while (true) {
            int n = active.get();
            if (n >= max) {
                return false;
            }
            if (active.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Returns a slot taken by {@link #tryAcquire()}. */
    public void release() {
        if (active.decrementAndGet() < 0) {
            active.incrementAndGet();
            throw new IllegalStateException("released more sessions than acquired");
        }
    }

    /** Slots in use. */
    public int active() {
        return active.get();
    }
}
