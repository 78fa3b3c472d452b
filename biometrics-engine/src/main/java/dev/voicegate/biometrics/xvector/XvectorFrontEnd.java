package dev.voicegate.biometrics.xvector;

/**
 * The x-vector model's front end, streaming: 8 kHz PCM16 chunks → {@link KaldiMfcc} → per frame a VAD decision
 * on the raw c0 ({@link StreamingVad}, Kaldi's recipe options) and the centred sliding mean normalisation
 * ({@link SlidingCmn}, window 300) of all 23 coefficients → the sink gets {@code (normalised frame, index,
 * voiced)} for every frame, in order. This is Kaldi's extraction pipeline {@code apply-cmvn-sliding
 * --norm-vars=false --center=true --cmn-window=300 | select-voiced-frames} with the VAD of
 * {@code compute-vad} on the un-normalised features; the network should be fed only the voiced frames, in order.
 *
 * <p>Latency: nothing leaves before 300 frames (3 s) have been computed, then each frame leaves 149 frames
 * (1.49 s) after it; {@link #finish()} flushes the rest. The output never depends on how the audio was chunked.
 * One instance per analysis: not thread-safe, no allocation per frame; call from one thread (never a Netty event
 * loop if the sink does heavy work).
 */
public final class XvectorFrontEnd {

    /** Receives every frame; {@code normalised} (23 values) is reused after the call returns. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(float[] normalised, long frameIndex, boolean voiced);
    }

    /**
     * Front-end options.
     *
     * @param vad       the VAD's options
     * @param cmnWindow CMN window in frames, ≥ 1; the VAD is timed to deliver with it
     * @param snipEdges the MFCC frame placement (see {@link KaldiMfcc}): true = the shipped {@code mfcc.conf} and
     *                  the oracle, false = the training recipe's centred frames
     */
    public record Options(VadOptions vad, int cmnWindow, boolean snipEdges) {

        /** The shipped configuration: recipe VAD, window 300, snip-edges=true. */
        public static final Options DEFAULT = new Options(VadOptions.XVECTOR_RECIPE, SlidingCmn.DEFAULT_WINDOW, true);

        public Options {
            java.util.Objects.requireNonNull(vad, "vad");
            if (cmnWindow < 1) {
                throw new IllegalArgumentException("cmnWindow: " + cmnWindow + " (expected: >= 1)");
            }
        }
    }

    /** Seconds per frame (the 10 ms shift). */
    public static final double FRAME_SECONDS = (double) KaldiMfcc.FRAME_SHIFT / KaldiMfcc.SAMPLE_RATE;

    private final KaldiMfcc mfcc;
    private final StreamingVad vad;
    private final SlidingCmn cmn;
    private final FrameSink sink;
    private final boolean[] decisions;
    private long decided;
    private long voiced;
    private long delivered;
    private boolean finished;

    /** {@link Options#DEFAULT}. */
    public XvectorFrontEnd(int sampleRate, FrameSink sink) {
        this(sampleRate, Options.DEFAULT, sink);
    }

    /** @param sampleRate must be 8000 ({@link IllegalArgumentException} otherwise) */
    public XvectorFrontEnd(int sampleRate, Options options, FrameSink sink) {
        KaldiMfcc.requireSampleRate(sampleRate);
        this.sink = java.util.Objects.requireNonNull(sink, "sink");
        int cmnWindow = options.cmnWindow();
        this.decisions = new boolean[cmnWindow + 1];
        this.cmn = new SlidingCmn(KaldiMfcc.NUM_CEPS, cmnWindow, this::deliver);
        this.vad = StreamingVad.alignedWith(cmnWindow, options.vad(), this::decision);
        this.mfcc = new KaldiMfcc(sampleRate, options.snipEdges(), (frame, t) -> {
            vad.push(frame[0]); // decisions first: the CMN delivers the same frame on this same push
            cmn.push(frame);
        });
    }

    /** Feeds {@code pcm[off .. off+len)}. */
    public void accept(short[] pcm, int off, int len) {
        requireOpen();
        mfcc.accept(pcm, off, len);
    }

    /** Feeds little-endian signed 16-bit samples (a chunk may end inside a sample). */
    public void acceptPcm16Le(byte[] pcm, int off, int len) {
        requireOpen();
        mfcc.acceptPcm16Le(pcm, off, len);
    }

    /** End of the audio: delivers the frames still held for look-ahead. Idempotent; no input afterwards. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        mfcc.finish();
        vad.finish();
        cmn.finish();
    }

    /** Frames computed from the audio so far (delivered or held for look-ahead). */
    public long framesComputed() {
        return mfcc.frames();
    }

    /** Frames delivered to the sink so far. */
    public long framesDelivered() {
        return delivered;
    }

    /** Delivered frames the VAD judged voiced: the frames the network sees. */
    public long voicedFrames() {
        return voiced;
    }

    /** {@link #voicedFrames()} in seconds of net speech. */
    public double netSpeechSeconds() {
        return voiced * FRAME_SECONDS;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("audio after finish()");
        }
    }

    private void decision(long t, boolean isVoiced) {
        decisions[(int) (t % decisions.length)] = isVoiced;
        decided = t + 1;
    }

    private void deliver(float[] normalised, long t) {
        if (t >= decided) {
            throw new IllegalStateException("frame " + t + " normalised before its VAD decision");
        }
        boolean isVoiced = decisions[(int) (t % decisions.length)];
        if (isVoiced) {
            voiced++;
        }
        delivered++;
        sink.accept(normalised, t, isVoiced);
    }
}
