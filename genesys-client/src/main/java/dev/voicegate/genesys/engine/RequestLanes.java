package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.api.GenesysOverloadedException;
import dev.voicegate.genesys.internal.Scheduler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Admission of REST calls in two lanes that share one client-side rate limit (and so one Genesys
 * per-token budget and every 429 pause), so that channel management is never starved by call traffic:
 * <ul>
 *   <li>{@link RestExecutor.Lane#CONTROL} (notification channel creation, subscriptions, rotation) goes
 *       first whenever a permit is free, has {@value #CONTROL_CONCURRENCY} slots of its own and
 *       {@value #CONTROL_RESERVE} permits of the bucket that the other lane may not take;</li>
 *   <li>{@link RestExecutor.Lane#CALLS} (conversation look-ups, attribute write-backs, directory, user
 *       checks) has {@code maxConcurrent} slots and a FIFO of {@code maxQueued}.</li>
 * </ul>
 * A waiting call holds no permit (the limiter does not hand out future reservations), so a channel call
 * that arrives behind hundreds of waiting look-ups is the next one sent once the rate limit or a 429
 * pause allows any call at all. Each lane's queue is bounded; beyond it {@link #submit} throws
 * {@link GenesysOverloadedException}. Every started task must be given back with {@link #release}.
 * Thread-safe; tasks run outside the lock, on the submitting, releasing or scheduler thread.
 */
final class RequestLanes {

    /** Channel-management calls in flight at once, on top of the call lane's slots. */
    static final int CONTROL_CONCURRENCY = 2;
    /** Channel-management calls waiting at once (a few channels, each a create and a subscription set). */
    static final int CONTROL_QUEUE = 64;
    /** Permits of the bucket held back for channel management. */
    static final int CONTROL_RESERVE = 2;

    private final RateLimiter limiter;
    private final Scheduler scheduler;
    private final LongSupplier ticker;
    private final int maxConcurrent;
    private final int maxQueued;
    private final ArrayDeque<Runnable> control = new ArrayDeque<>();
    private final ArrayDeque<Runnable> calls = new ArrayDeque<>();
    private int controlRunning;
    private int callsRunning;
    private boolean wakeScheduled;
    private long wakeAtNanos;

    /**
     * @param requestsPerMinute the shared rate; the call lane gets a burst of a twelfth of it (5 s worth),
     *                          the bucket holds that plus {@link #CONTROL_RESERVE}
     */
    RequestLanes(int requestsPerMinute, int maxConcurrent, int maxQueued, Scheduler scheduler, LongSupplier ticker) {
        this.limiter = new RateLimiter(requestsPerMinute, Math.max(1, requestsPerMinute / 12) + CONTROL_RESERVE,
                ticker);
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
    }

    /** Holds every call of both lanes for {@code nanos} from now (Genesys answered 429 with Retry-After). */
    void pauseFor(long nanos) {
        limiter.pauseFor(nanos);
    }

    /** Queues {@code task} in its lane and starts whatever may start now. */
    void submit(RestExecutor.Lane lane, Runnable task) {
        Runnable now = null;
        synchronized (this) {
            if (lane == RestExecutor.Lane.CONTROL) {
                if (control.size() >= CONTROL_QUEUE) {
                    throw new GenesysOverloadedException("genesys channel-management queue full (" + CONTROL_QUEUE
                            + " waiting, " + controlRunning + " in flight)");
                }
                control.add(task);
            } else if (calls.size() < maxQueued) {
                calls.add(task);
            } else if (calls.isEmpty() && callsRunning < maxConcurrent && control.isEmpty()
                    && limiter.tryAcquire(CONTROL_RESERVE) == 0) {
                callsRunning++; // no queue configured, but a slot and a permit are free: it need not wait
                now = task;
            } else {
                throw new GenesysOverloadedException("genesys request queue full (" + maxQueued + " waiting, "
                        + callsRunning + " in flight)");
            }
        }
        if (now != null) {
            now.run();
        }
        drain();
    }

    /** Gives a started task's slot back and starts the next ones that may start. */
    void release(RestExecutor.Lane lane) {
        synchronized (this) {
            if (lane == RestExecutor.Lane.CONTROL) {
                controlRunning--;
            } else {
                callsRunning--;
            }
        }
        drain();
    }

    private void drain() {
        while (true) {
            Runnable next = null;
            synchronized (this) {
                long wait = Long.MAX_VALUE;
                if (!control.isEmpty() && controlRunning < CONTROL_CONCURRENCY) {
                    long w = limiter.tryAcquire(0);
                    if (w == 0) {
                        next = control.poll();
                        controlRunning++;
                    } else {
                        wait = w;
                    }
                }
                if (next == null && !calls.isEmpty() && callsRunning < maxConcurrent) {
                    long w = limiter.tryAcquire(CONTROL_RESERVE);
                    if (w == 0) {
                        next = calls.poll();
                        callsRunning++;
                    } else {
                        wait = Math.min(wait, w);
                    }
                }
                if (next == null) {
                    if (wait != Long.MAX_VALUE) {
                        wakeIn(wait);
                    }
                    return;
                }
            }
            next.run();
        }
    }

    /** Ensures one drain runs {@code nanos} from now (or earlier); called under the lock. */
    private void wakeIn(long nanos) {
        long at = ticker.getAsLong() + nanos;
        if (wakeScheduled && wakeAtNanos <= at) {
            return;
        }
        wakeScheduled = true;
        wakeAtNanos = at;
        scheduler.schedule(() -> {
            synchronized (this) {
                if (wakeAtNanos == at) {
                    wakeScheduled = false;
                }
            }
            drain();
        }, Duration.ofNanos(nanos));
    }

    synchronized int inFlight() {
        return controlRunning + callsRunning;
    }

    synchronized int queued() {
        return control.size() + calls.size();
    }

    synchronized int queued(RestExecutor.Lane lane) {
        return lane == RestExecutor.Lane.CONTROL ? control.size() : calls.size();
    }
}
