package dev.voicegate.audiohook.session;

/**
 * Frames and bytes received by one session, counted in plain fields on the session's thread and
 * published to the shared {@link AudioHookMetrics} counters in batches: every {@link #BATCH} frames
 * and at {@link #flush()} (the session calls it when it ends). Two {@code DoubleAdder} updates per
 * frame showed up in the streaming profile; a batch makes that one pair per {@value #BATCH} frames.
 * The shared counters lag by at most {@value #BATCH} − 1 frames per live session and are exact once
 * every session has ended. Session thread only.
 */
final class FrameTally {

    /** Frames per publication: 10 s of audio at Genesys' usual 200 ms frames. */
    static final int BATCH = 50;

    private final AudioHookMetrics metrics;
    private int pending;
    private long audioFrames;
    private long audioBytes;
    private long textFrames;
    private long textBytes;

    FrameTally(AudioHookMetrics metrics) {
        this.metrics = metrics;
    }

    void audio(int bytes) {
        audioFrames++;
        audioBytes += bytes;
        if (++pending >= BATCH) {
            flush();
        }
    }

    void text(int chars) {
        textFrames++;
        textBytes += chars;
        if (++pending >= BATCH) {
            flush();
        }
    }

    /** Publishes what was counted since the last flush; idempotent when nothing new was counted. */
    void flush() {
        if (pending == 0) {
            return;
        }
        metrics.frames(true, audioFrames, audioBytes);
        metrics.frames(false, textFrames, textBytes);
        pending = 0;
        audioFrames = 0;
        audioBytes = 0;
        textFrames = 0;
        textBytes = 0;
    }
}
