package dev.voicegate.biometrics.xvector;

/**
 * A streaming approximation of Kaldi's {@code compute-vad} (see {@link KaldiComputeVad}). Kaldi's threshold uses
 * the mean c0 of the whole utterance, which a live call does not have; here the decision for frame {@code t} is
 * taken when it is delivered, at the same moment {@link SlidingCmn} delivers it (after {@code warmUpFrames} frames
 * and then {@code lookAheadFrames} frames behind the newest), with the mean c0 of <em>every frame pushed so far</em>
 * (so frame {@code t} sees its past and its look-ahead). The context rule is Kaldi's exactly. Consequences: an
 * utterance shorter than {@code warmUpFrames} (3 s with the recipe's CMN) is decided entirely at {@link #finish()}
 * with the whole-utterance mean and equals {@code compute-vad}; later frames can differ from it only where the
 * running mean is not yet close to the final one (the figure is in the test report). Memory is a ring of
 * {@code max(warmUp, lookAhead + 1) + context + 1} values. Not thread-safe; no allocation per frame.
 */
public final class StreamingVad {

    /** Receives one decision per frame, in order. */
    @FunctionalInterface
    public interface DecisionSink {
        void accept(long frameIndex, boolean voiced);
    }

    private final VadOptions options;
    private final int warmUp;
    private final int lookAhead;
    private final DecisionSink sink;
    private final float[] ring;
    private double sum;
    private long received;
    private long next;
    private boolean finished;

    /**
     * @param warmUpFrames    no decision before this many frames (≥ 1)
     * @param lookAheadFrames frames after {@code t} known before deciding {@code t} (≥ {@code framesContext})
     */
    public StreamingVad(VadOptions options, int warmUpFrames, int lookAheadFrames, DecisionSink sink) {
        this.options = java.util.Objects.requireNonNull(options, "options");
        if (warmUpFrames < 1) {
            throw new IllegalArgumentException("warmUpFrames: " + warmUpFrames + " (expected: >= 1)");
        }
        if (lookAheadFrames < options.framesContext()) {
            throw new IllegalArgumentException("lookAheadFrames: " + lookAheadFrames + " (expected: >= framesContext "
                    + options.framesContext() + ")");
        }
        this.warmUp = warmUpFrames;
        this.lookAhead = lookAheadFrames;
        this.sink = java.util.Objects.requireNonNull(sink, "sink");
        this.ring = new float[Math.max(warmUpFrames, lookAheadFrames + 1) + options.framesContext() + 1];
    }

    /** Timed like a {@link SlidingCmn} of that window, so both deliver frame {@code t} on the same push. */
    public static StreamingVad alignedWith(int cmnWindow, VadOptions options, DecisionSink sink) {
        return new StreamingVad(options, cmnWindow, SlidingCmn.lookAheadFrames(cmnWindow), sink);
    }

    /** Adds the next frame's raw c0. */
    public void push(float c0) {
        if (finished) {
            throw new IllegalStateException("push after finish()");
        }
        if (!Float.isFinite(c0)) {
            throw new IllegalArgumentException("c0: " + c0 + " (expected: finite)");
        }
        ring[(int) (received % ring.length)] = c0;
        received++;
        sum += c0;
        if (received < warmUp) {
            return;
        }
        float threshold = options.threshold((float) (sum / received));
        while (next + lookAhead < received) {
            decide(threshold, Long.MAX_VALUE);
        }
    }

    /** End of the utterance: decides the remaining frames with the whole-utterance mean. Idempotent. */
    public void finish() {
        finished = true;
        if (received == 0) {
            return;
        }
        float threshold = options.threshold((float) (sum / received));
        while (next < received) {
            decide(threshold, received);
        }
    }

    /** Frames decided so far. */
    public long decided() {
        return next;
    }

    private void decide(float threshold, long total) {
        int context = options.framesContext();
        long last = Math.min(total - 1, next + context);
        int loud = 0;
        int counted = 0;
        for (long u = Math.max(0, next - context); u <= last; u++) {
            counted++;
            if (ring[(int) (u % ring.length)] > threshold) {
                loud++;
            }
        }
        sink.accept(next, options.voiced(loud, counted));
        next++;
    }
}
