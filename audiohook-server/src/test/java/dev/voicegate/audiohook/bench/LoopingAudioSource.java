package dev.voicegate.audiohook.bench;

import dev.voicegate.audiohook.client.AudioSource;
import java.util.Objects;

/**
 * An {@link AudioSource} that plays a shared loop of PCM16 (customer and agent channel) over and over
 * until {@code totalSamples} have been read. Thousands of load sessions share one loop, so a long
 * streaming run costs one per-session position, not minutes of audio per session.
 * Not thread-safe (each session has its own instance; the loop arrays are only read).
 */
final class LoopingAudioSource implements AudioSource {

    private final short[] external;
    private final short[] internal;
    private final long totalSamples;
    private long position;

    /**
     * @param external     customer-channel loop (not copied; never modified)
     * @param internal     agent-channel loop, same length as {@code external}
     * @param totalSamples samples per channel to play before the end of the source
     */
    LoopingAudioSource(short[] external, short[] internal, long totalSamples) {
        this.external = Objects.requireNonNull(external, "external");
        this.internal = Objects.requireNonNull(internal, "internal");
        if (external.length == 0 || external.length != internal.length) {
            throw new IllegalArgumentException("loop lengths: " + external.length + "/" + internal.length
                    + " (expected: equal and > 0)");
        }
        if (totalSamples < 0) {
            throw new IllegalArgumentException("totalSamples: " + totalSamples + " (expected: >= 0)");
        }
        this.totalSamples = totalSamples;
    }

    /** A one-second loop: a 440 Hz tone for the customer, 220 Hz for the agent, amplitude 6,000. */
    static short[][] toneLoop() {
        short[] ext = new short[8000];
        short[] intl = new short[8000];
        for (int i = 0; i < ext.length; i++) {
            ext[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            intl[i] = (short) Math.round(6000 * Math.sin(2 * Math.PI * 220 * i / 8000.0));
        }
        return new short[][] {ext, intl};
    }

    @Override
    public int read(short[] ext, short[] intl, int samples) {
        int n = (int) Math.min(samples, totalSamples - position);
        for (int done = 0; done < n; ) {
            int at = (int) ((position + done) % external.length);
            int len = Math.min(n - done, external.length - at);
            System.arraycopy(external, at, ext, done, len);
            System.arraycopy(internal, at, intl, done, len);
            done += len;
        }
        position += Math.max(n, 0);
        return Math.max(n, 0);
    }
}
