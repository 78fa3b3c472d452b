package dev.voicegate.biometrics.xvector;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Streaming Kaldi MFCC exactly as {@code compute-mfcc-feats} computes it for the x-vector model's
 * {@code mfcc.conf} ({@code --sample-frequency=8000 --low-freq=20 --high-freq=3700 --num-ceps=23}) with every
 * other option at Kaldi's default: 25 ms frames every 10 ms with {@code snip-edges=true} (a frame starts at
 * sample {@code 80·t} and only whole frames are produced), DC removal, log energy of the DC-free frame taken
 * before pre-emphasis and windowing ({@code use-energy=true raw-energy=true}, no energy floor), pre-emphasis
 * 0.97, Povey window, zero padding to a 256-point FFT (JTransforms), power spectrum, 23 triangular mel bins
 * (Kaldi's mel scale {@code 1127·ln(1+f/700)}, FFT bins 0..127, i.e. Nyquist excluded), log floored at the
 * float epsilon, Kaldi's orthonormal DCT-II, lifter 22, then c0 replaced by the log energy.
 *
 * <p>One deliberate difference: Kaldi's default {@code --dither=1.0} adds unseeded Gaussian noise to every frame;
 * here the dither is 0 so the same audio always gives the same features. On ordinary audio the effect is far
 * below the model's sensitivity; on digital silence (exact zeros) c0 becomes {@code ln(FLT_EPSILON) ≈ -15.9}
 * where dithered Kaldi would give about 5.3, which lowers the VAD's mean-based threshold on files with long
 * zero padding.
 *
 * <p>Frame placement: the shipped {@code mfcc.conf} leaves {@code --snip-edges} at its default (true), which is what
 * users of that file (e.g. Vosk) compute; the recipe the model was trained with ({@code egs/callhome_diarization/v2/
 * conf/mfcc.conf} at the commit its README names) sets {@code --snip-edges=false}: frame {@code t} is centred on
 * sample {@code 80t + 40} (it starts at {@code 80t - 60}), samples before the start or after the end are mirrored
 * ({@code -1 → 0}, {@code N → N-1}), and there are {@code (N + 40) / 80} frames. Both are available
 * ({@link #KaldiMfcc(int, boolean, FrameSink)}); with {@code snipEdges=false} the last one or two frames wait for
 * {@link #finish()}.
 *
 * <p>Input is fed in chunks of any size ({@code short[]} or little-endian bytes, a chunk may split a sample);
 * frames are delivered to the sink as soon as their 200 samples are known, so chunking never changes the output.
 * The tables are built in Kaldi's float/double mix, but the per-frame arithmetic (FFT included) is in
 * {@code double} where Kaldi uses {@code float}: Kaldi's single-precision FFT leaves errors of about 1e-3 in the high
 * cepstra of loud frames with deep spectral valleys, and computing in double removes that noise rather than
 * reproducing it (against the float64 oracle: rms 6e-6, worst 1.4e-4 relative, on the test clip). Not thread-safe; no allocation per frame.
 */
public final class KaldiMfcc {

    /** The only sample rate the model accepts (Hz). */
    public static final int SAMPLE_RATE = 8000;
    /** Samples per frame (25 ms). */
    public static final int FRAME_LENGTH = 200;
    /** Samples between frame starts (10 ms). */
    public static final int FRAME_SHIFT = 80;
    /** FFT size: the frame length rounded up to a power of two. */
    public static final int FFT_SIZE = 256;
    /** Mel bins and cepstra per frame. */
    public static final int NUM_CEPS = 23;
    /** Lower and upper edges of the mel filter bank (Hz). */
    public static final float LOW_FREQ = 20f;
    public static final float HIGH_FREQ = 3700f;

    static final float PREEMPH = 0.97f;
    static final float CEPSTRAL_LIFTER = 22f;
    /** {@code std::numeric_limits<float>::epsilon()}. */
    static final float FLOAT_EPSILON = Math.ulp(1.0f);

    /** Receives one frame of {@link #NUM_CEPS} values (c0 = log energy); the array is reused after the call. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(float[] mfcc, long frameIndex);
    }

    private static final float[] WINDOW = KaldiTables.poveyWindow(FRAME_LENGTH);
    private static final KaldiTables.MelBanks MEL = KaldiTables.melBanks(NUM_CEPS, FFT_SIZE, SAMPLE_RATE, LOW_FREQ, HIGH_FREQ);
    private static final float[][] DCT = KaldiTables.dctMatrix(NUM_CEPS, NUM_CEPS);
    private static final float[] LIFTER = KaldiTables.lifterCoefficients(NUM_CEPS, CEPSTRAL_LIFTER);

    private final FrameSink sink;
    private final DoubleFFT_1D fft = new DoubleFFT_1D(FFT_SIZE);
    private final float[] ring = new float[FRAME_LENGTH];
    private final float[] frame = new float[FRAME_LENGTH];
    private final double[] buf = new double[FFT_SIZE];
    private final double[] power = new double[FFT_SIZE / 2 + 1];
    private final double[] logMel = new double[NUM_CEPS];
    private final float[] out = new float[NUM_CEPS];
    private final boolean snipEdges;
    private int writePos;
    private int samplesUntilFrame;
    private boolean finished;
    private long frames;
    private long samples;
    private int pendingLowByte = -1;

    /**
     * @param sampleRate must be {@link #SAMPLE_RATE}; anything else is refused (resample first: the model was
     *                   trained on 8 kHz telephone audio)
     * @param sink       receives the frames, in order, on the calling thread
     * @throws IllegalArgumentException on another sample rate
     */
    public KaldiMfcc(int sampleRate, FrameSink sink) {
        this(sampleRate, true, sink);
    }

    /**
     * @param snipEdges true: Kaldi's default (frames inside the audio); false: the training recipe's centred frames
     *                  with mirrored edges (call {@link #finish()} for the last frames)
     */
    public KaldiMfcc(int sampleRate, boolean snipEdges, FrameSink sink) {
        requireSampleRate(sampleRate);
        if (sink == null) {
            throw new NullPointerException("sink");
        }
        this.sink = sink;
        this.snipEdges = snipEdges;
        // the first frame ends at sample 200 (snip-edges) or 140 (centred: it spans -60 .. 139)
        this.samplesUntilFrame = snipEdges ? FRAME_LENGTH : FRAME_LENGTH - CENTRED_OFFSET;
    }

    /** With snip-edges=false, frame t starts at {@code 80t - 60}: centred on {@code 80t + 40}. */
    static final int CENTRED_OFFSET = FRAME_LENGTH / 2 - FRAME_SHIFT / 2;

    static void requireSampleRate(int sampleRate) {
        if (sampleRate != SAMPLE_RATE) {
            throw new IllegalArgumentException("sampleRate: " + sampleRate + " Hz (expected: " + SAMPLE_RATE
                    + " Hz; the x-vector model takes 8 kHz audio, resample first)");
        }
    }

    /** Number of frames {@code compute-mfcc-feats} produces for that many samples ({@code snip-edges=true}). */
    public static int frameCount(long samples) {
        return frameCount(samples, true);
    }

    /** Number of frames for that many samples, as Kaldi's {@code NumFrames(…, flush=true)}. */
    public static int frameCount(long samples, boolean snipEdges) {
        if (snipEdges) {
            return samples < FRAME_LENGTH ? 0 : (int) (1 + (samples - FRAME_LENGTH) / FRAME_SHIFT);
        }
        return (int) ((samples + FRAME_SHIFT / 2) / FRAME_SHIFT);
    }

    /** Whole-utterance convenience: all frames of {@code pcm} ({@code frameCount(pcm.length)} rows). */
    public static float[][] compute(short[] pcm) {
        return compute(pcm, true);
    }

    /** Whole-utterance convenience with a choice of frame placement. */
    public static float[][] compute(short[] pcm, boolean snipEdges) {
        float[][] result = new float[frameCount(pcm.length, snipEdges)][];
        KaldiMfcc mfcc = new KaldiMfcc(SAMPLE_RATE, snipEdges, (f, t) -> result[(int) t] = f.clone());
        mfcc.accept(pcm, 0, pcm.length);
        mfcc.finish();
        return result;
    }

    /**
     * End of the audio. With snip-edges=false it delivers the last frames, mirrored at the end; with snip-edges=true
     * there is nothing left (a trailing partial frame is dropped, as Kaldi does). Idempotent; no input afterwards.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (snipEdges) {
            return;
        }
        int total = frameCount(samples, false);
        while (frames < total) {
            long start = frames * FRAME_SHIFT - CENTRED_OFFSET;
            copyFrame(start, samples);
            computeFrame();
            sink.accept(out, frames++);
        }
    }

    /** Feeds {@code pcm[off .. off+len)}. */
    public void accept(short[] pcm, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, pcm.length);
        requireOpen();
        if (pendingLowByte >= 0) {
            throw new IllegalStateException("a byte chunk ended in the middle of a sample; feed its second byte first");
        }
        for (int i = 0; i < len; i++) {
            push(pcm[off + i]);
        }
    }

    /** Feeds little-endian signed 16-bit samples; a chunk may end in the middle of a sample. */
    public void acceptPcm16Le(byte[] pcm, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, pcm.length);
        requireOpen();
        int i = off;
        int end = off + len;
        if (pendingLowByte >= 0 && i < end) {
            push((short) (pendingLowByte | (pcm[i++] << 8)));
            pendingLowByte = -1;
        }
        for (; i + 1 < end; i += 2) {
            push((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8)));
        }
        if (i < end) {
            pendingLowByte = pcm[i] & 0xff;
        }
    }

    /** Frames delivered so far. */
    public long frames() {
        return frames;
    }

    /** Samples received so far. */
    public long samples() {
        return samples;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("audio after finish()");
        }
    }

    private void push(short s) {
        ring[writePos] = s;
        writePos = writePos + 1 == FRAME_LENGTH ? 0 : writePos + 1;
        samples++;
        if (--samplesUntilFrame == 0) {
            samplesUntilFrame = FRAME_SHIFT;
            if (snipEdges || frames > 0) {
                // the ring now holds exactly the frame's 200 samples, oldest at writePos
                int tail = FRAME_LENGTH - writePos;
                System.arraycopy(ring, writePos, frame, 0, tail);
                System.arraycopy(ring, 0, frame, tail, writePos);
            } else {
                copyFrame(-CENTRED_OFFSET, Long.MAX_VALUE); // the first centred frame mirrors samples 0..59
            }
            computeFrame();
            sink.accept(out, frames++);
        }
    }

    /**
     * Copies the frame starting at sample {@code start}, mirroring indices outside {@code [0, total)} as Kaldi's
     * ExtractWindow does (repeatedly, for pathologically short input). Sample {@code i} sits at ring position
     * {@code i % 200}; every index used lies within the last 200 samples received.
     */
    private void copyFrame(long start, long total) {
        long end = Math.min(total, samples);
        for (int k = 0; k < FRAME_LENGTH; k++) {
            long i = start + k;
            while (i < 0 || i >= end) {
                i = i < 0 ? -i - 1 : 2 * end - 1 - i;
            }
            frame[k] = ring[(int) (i % FRAME_LENGTH)];
        }
    }

    /** feature-window.cc ProcessWindow + feature-mfcc.cc MfccComputer::Compute on frame[0..200). */
    private void computeFrame() {
        double sum = 0;
        for (int i = 0; i < FRAME_LENGTH; i++) {
            sum += frame[i];
        }
        double dc = sum / FRAME_LENGTH;
        double energy = 0;
        for (int i = 0; i < FRAME_LENGTH; i++) {
            double x = frame[i] - dc;
            buf[i] = x;
            energy += x * x;
        }
        float logEnergy = (float) Math.log(Math.max(energy, FLOAT_EPSILON));
        for (int i = FRAME_LENGTH - 1; i > 0; i--) {
            buf[i] -= PREEMPH * buf[i - 1];
        }
        buf[0] -= PREEMPH * buf[0];
        for (int i = 0; i < FRAME_LENGTH; i++) {
            buf[i] *= WINDOW[i];
        }
        java.util.Arrays.fill(buf, FRAME_LENGTH, FFT_SIZE, 0.0);
        fft.realForward(buf); // layout [re0, re(N/2), re1, im1, re2, im2, ...], as Kaldi's RealFft
        int half = FFT_SIZE / 2;
        power[0] = buf[0] * buf[0];
        power[half] = buf[1] * buf[1];
        for (int k = 1; k < half; k++) {
            double re = buf[2 * k];
            double im = buf[2 * k + 1];
            power[k] = re * re + im * im;
        }
        MEL.apply(power, logMel);
        for (int b = 0; b < NUM_CEPS; b++) {
            logMel[b] = Math.log(Math.max(logMel[b], FLOAT_EPSILON));
        }
        for (int k = 0; k < NUM_CEPS; k++) {
            float[] row = DCT[k];
            double acc = 0;
            for (int b = 0; b < NUM_CEPS; b++) {
                acc += row[b] * logMel[b];
            }
            out[k] = (float) (acc * LIFTER[k]);
        }
        out[0] = logEnergy;
    }
}
