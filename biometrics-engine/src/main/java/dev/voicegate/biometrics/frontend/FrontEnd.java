package dev.voicegate.biometrics.frontend;

import dev.voicegate.biometrics.config.FrontEndConfig;

/**
 * The streaming front end of one call: PCM16 8 kHz chunks (customer channel, optionally the agent
 * channel in lock-step) → 25 ms/10 ms frames → adaptive-floor VAD → crosstalk removal → cepstra →
 * deltas + sliding CMVN → {@link FeatureSink}. Cost is per frame and constant; chunk sizes are free
 * (no allocation proportional to the call). Not thread-safe: one instance per analysis.
 */
public final class FrontEnd {

    private static final int CLIP_LEVEL = 32_000;
    private static final int MAX_AGENT_LEAD = 8000;

    private final VoiceActivityDetector vad;
    private final VoiceActivityDetector agentVad;
    private final FrontEndConfig config;
    private final CepstralExtractor cepstra = new CepstralExtractor();
    private final FeatureNormalizer normalizer;
    private final FrameBuffer customer = new FrameBuffer();
    private final FrameBuffer agent = new FrameBuffer();
    private final float[] statics = new float[CepstralExtractor.STATIC_DIM];
    private long frames;
    private long speechFrames;
    private long crosstalkFrames;
    private long samples;
    private long clipped;
    private double speechEnergySum;
    private double floorSum;
    private boolean agentSeen;
    private FrameObserver observer;

    /** Receives every frame's log mel energies (e.g. for audio fingerprints). */
    @FunctionalInterface
    public interface FrameObserver {
        /**
         * @param logMel     24 log mel band energies; reused after the call
         * @param speech     whether the frame was kept as speech
         * @param frameIndex the frame's index in the call
         */
        void frame(float[] logMel, boolean speech, long frameIndex);
    }

    /** Receives, for every frame, whether the agent channel dominated it (cheap: no features computed). */
    @FunctionalInterface
    public interface CrosstalkListener {
        /** @param crosstalk the frame was speech but the agent dominated it (dropped as crosstalk) */
        void frame(long frameIndex, boolean crosstalk);
    }

    private CrosstalkListener crosstalkListener;

    /** Sets the per-frame crosstalk listener; null removes it. */
    public void setCrosstalkListener(CrosstalkListener listener) {
        this.crosstalkListener = listener;
    }

    /** Sets the observer of every frame (costs one FFT per non-speech frame too); null removes it. */
    public void setObserver(FrameObserver observer) {
        this.observer = observer;
    }

    public FrontEnd(FrontEndConfig config, FeatureSink sink) {
        this.config = config;
        this.vad = new VoiceActivityDetector(config);
        this.agentVad = new VoiceActivityDetector(config);
        this.normalizer = new FeatureNormalizer(sink);
    }

    /**
     * Feeds one chunk.
     *
     * @param customer8k customer PCM16 at 8 kHz (not retained)
     * @param agent8k    agent PCM16 at 8 kHz covering the same time span, or null
     */
    public void accept(short[] customer8k, short[] agent8k) {
        if (agent8k != null) {
            agentSeen = true;
            agent.append(agent8k);
        }
        customer.append(customer8k);
        samples += customer8k.length;
        for (short s : customer8k) {
            if (s >= CLIP_LEVEL || s <= -CLIP_LEVEL) {
                clipped++;
            }
        }
        while (customer.ready()) {
            processFrame();
        }
        // Bound: agent audio running ahead of the customer channel by more than 1 s is dropped
        // (oldest first) instead of buffered without limit.
        agent.keepAtMost(MAX_AGENT_LEAD + CepstralExtractor.FRAME);
    }

    private void processFrame() {
        float[] buf = customer.data();
        int at = customer.offset();
        double energy = VoiceActivityDetector.energyDb(buf, at, CepstralExtractor.FRAME);
        boolean speech = vad.accept(energy);
        boolean agentDominates = false;
        if (agentSeen && agent.ready()) {
            double agentEnergy = VoiceActivityDetector.energyDb(agent.data(), agent.offset(), CepstralExtractor.FRAME);
            boolean agentSpeech = agentVad.accept(agentEnergy);
            agentDominates = agentSpeech && agentEnergy > energy + config.crosstalkMarginDb();
            agent.advance();
        }
        boolean kept = speech && !agentDominates;
        if (speech && agentDominates) {
            crosstalkFrames++;
        } else if (kept) {
            speechFrames++;
            speechEnergySum += energy;
            floorSum += vad.floorDb();
        }
        if (kept || observer != null) {
            cepstra.extract(buf, at, statics);
        }
        if (kept) {
            normalizer.accept(statics, frames);
        }
        if (observer != null) {
            observer.frame(cepstra.lastLogMel(), kept, frames);
        }
        if (crosstalkListener != null) {
            crosstalkListener.frame(frames, speech && agentDominates);
        }
        customer.advance();
        frames++;
    }

    /** Pushes out frames held back for delta context and normalisation warm-up (call at the end). */
    public void flush() {
        normalizer.flush();
    }

    /** Agent samples buffered and not yet matched with customer audio (bounded to 1 s + one frame). */
    public int bufferedAgentSamples() {
        return agent.length();
    }

    /** Quality figures so far. */
    public SpeechQuality quality() {
        double snr = speechFrames == 0 ? 0 : (speechEnergySum - floorSum) / speechFrames;
        return new SpeechQuality(samples / 8000.0, speechFrames / 100.0, snr,
                samples == 0 ? 0 : clipped / (double) samples, crosstalkFrames / 100.0);
    }

    /** A sliding 25 ms frame over a stream with a 10 ms hop; compacts on append (amortised O(1)). */
    private static final class FrameBuffer {
        private float[] data = new float[CepstralExtractor.FRAME * 4];
        private int start;
        private int len;

        void append(short[] in) {
            if (start > 0) {
                System.arraycopy(data, start, data, 0, len);
                start = 0;
            }
            if (len + in.length > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, len + in.length));
            }
            for (short s : in) {
                data[len++] = s;
            }
        }

        boolean ready() {
            return len >= CepstralExtractor.FRAME;
        }

        float[] data() {
            return data;
        }

        int offset() {
            return start;
        }

        void advance() {
            start += CepstralExtractor.HOP;
            len -= CepstralExtractor.HOP;
        }

        void keepAtMost(int samples) {
            if (len > samples) {
                start += len - samples;
                len = samples;
            }
        }

        int length() {
            return len;
        }
    }
}
