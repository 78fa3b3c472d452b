package dev.voicegate.core.bench;

import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Recovers individual samples of a Micrometer {@link Timer} by polling its count and total every
 * millisecond: when the count moved by exactly one, the total's change is that sample. Moves by more
 * than one (two decisions within the same millisecond) are counted as merged and not sampled.
 */
final class TimerSampler implements AutoCloseable {
    private final Timer timer;
    private final Thread thread;
    private final long[] samples = new long[100_000];
    private volatile int size;
    private volatile int merged;
    private volatile boolean running = true;

    TimerSampler(Timer timer) {
        this.timer = timer;
        this.thread = new Thread(this::run, "bench-timer-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long count = timer.count();
        double total = timer.totalTime(TimeUnit.NANOSECONDS);
        while (running) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long c;
            double t;
            do { // count and total are separate fields: read until a stable pair
                t = timer.totalTime(TimeUnit.NANOSECONDS);
                c = timer.count();
            } while (t != timer.totalTime(TimeUnit.NANOSECONDS));
            if (c == count + 1 && size < samples.length) {
                samples[size] = Math.round(t - total);
                size = size + 1;
            } else if (c > count + 1) {
                merged += (int) (c - count);
            }
            count = c;
            total = t;
        }
    }

    /** Samples so far, in the order they were recorded. */
    long[] samples() {
        return java.util.Arrays.copyOf(samples, size);
    }

    int merged() {
        return merged;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
