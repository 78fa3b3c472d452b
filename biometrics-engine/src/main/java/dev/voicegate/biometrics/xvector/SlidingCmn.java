package dev.voicegate.biometrics.xvector;

/**
 * Streaming form of Kaldi's {@code apply-cmvn-sliding --norm-vars=false --center=true --cmn-window=W}
 * ({@code feature-functions.cc} SlidingWindowCmnInternal): each frame minus the mean of a window of {@code W}
 * frames centred on it, {@code [t - W/2, t - W/2 + W)}, shifted right at the start of the utterance so that it
 * begins at frame 0, shifted left at the end so that it ends at the last frame (and clipped to the utterance
 * when that is shorter than {@code W}). The running sum is kept in double and moved one frame at a time, as
 * Kaldi does. Kaldi's {@code --min-cmn-window} (default 100) only applies with {@code --center=false}; with
 * {@code center=true} its code never reads it, so it has no parameter here.
 *
 * <p>Look-ahead: frame {@code t} is delivered as soon as its window is certain, i.e. once
 * {@code max(W, t + W - W/2)} frames have been pushed ({@link #lookAheadFrames()} frames after it, and the first
 * {@code W} frames all wait for frame {@code W-1}); {@link #finish()} delivers the rest with the end-of-utterance
 * window. Streaming therefore gives exactly the batch result. Memory: {@code W + 1} frames. Not thread-safe;
 * no allocation per frame.
 */
public final class SlidingCmn {

    /** The x-vector recipe's window (frames). */
    public static final int DEFAULT_WINDOW = 300;

    /** Receives one normalised frame; the array is reused after the call. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(float[] normalised, long frameIndex);
    }

    private final int dim;
    private final int window;
    private final FrameSink sink;
    private final float[][] ring;
    private final double[] sum;
    private final float[] out;
    private long received;
    private long next;
    private long windowStart = -1;
    private long windowEnd = -1;
    private boolean finished;

    /**
     * @param dim    values per frame, ≥ 1
     * @param window window length in frames, ≥ 1
     * @param sink   receives every frame, in order, on the calling thread
     */
    public SlidingCmn(int dim, int window, FrameSink sink) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim: " + dim + " (expected: >= 1)");
        }
        if (window < 1) {
            throw new IllegalArgumentException("window: " + window + " (expected: >= 1)");
        }
        this.dim = dim;
        this.window = window;
        this.sink = java.util.Objects.requireNonNull(sink, "sink");
        this.ring = new float[window + 1][dim];
        this.sum = new double[dim];
        this.out = new float[dim];
    }

    /** Frames pushed after frame {@code t} before {@code t} is delivered (past the first window): {@code W - W/2 - 1}. */
    public static int lookAheadFrames(int window) {
        return window - window / 2 - 1;
    }

    /** This instance's {@link #lookAheadFrames(int)}. */
    public int lookAheadFrames() {
        return lookAheadFrames(window);
    }

    /** Adds the next frame ({@code dim} values, copied). */
    public void push(float[] frame) {
        if (finished) {
            throw new IllegalStateException("push after finish()");
        }
        if (frame.length != dim) {
            throw new IllegalArgumentException("frame length: " + frame.length + " (expected: " + dim + ")");
        }
        System.arraycopy(frame, 0, ring[slot(received)], 0, dim);
        received++;
        while (next < received) {
            long start = next - window / 2;
            long end = start + window;
            if (start < 0) {
                end -= start;
                start = 0;
            }
            if (end > received) {
                return; // the window is not known yet
            }
            emit(start, end);
        }
    }

    /** End of the utterance: delivers the remaining frames with windows clipped to the last frame. Idempotent. */
    public void finish() {
        finished = true;
        long total = received;
        while (next < total) {
            long start = next - window / 2;
            long end = start + window;
            if (start < 0) {
                end -= start;
                start = 0;
            }
            if (end > total) {
                start = Math.max(0, start - (end - total));
                end = total;
            }
            emit(start, end);
        }
    }

    /** Frames pushed so far. */
    public long received() {
        return received;
    }

    /** Frames delivered so far. */
    public long delivered() {
        return next;
    }

    private int slot(long frame) {
        return (int) (frame % ring.length);
    }

    private void emit(long start, long end) {
        if (windowStart < 0) {
            for (long f = start; f < end; f++) {
                add(f, 1.0);
            }
        } else {
            // as Kaldi: the window only ever moves right by one frame at each end
            for (long f = windowStart; f < start; f++) {
                add(f, -1.0);
            }
            for (long f = windowEnd; f < end; f++) {
                add(f, 1.0);
            }
        }
        windowStart = start;
        windowEnd = end;
        double scale = -1.0 / (end - start);
        float[] frame = ring[slot(next)];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (frame[d] + scale * sum[d]);
        }
        sink.accept(out, next++);
    }

    private void add(long f, double sign) {
        float[] frame = ring[slot(f)];
        for (int d = 0; d < dim; d++) {
            sum[d] += sign * frame[d];
        }
    }
}
