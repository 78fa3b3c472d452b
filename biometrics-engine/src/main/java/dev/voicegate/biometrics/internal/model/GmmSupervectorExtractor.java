package dev.voicegate.biometrics.internal.model;

import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.VoiceprintExtractor;

/**
 * The named alternative extractor ({@code --model gmmsv}; the default was this one until issue 9): GMM-UBM Baum-Welch statistics → supervector → projection, fused with the
 * spectral-envelope statistics → their projection (see docs/engine.md).
 */
public final class GmmSupervectorExtractor implements VoiceprintExtractor {

    private final VoiceprintModel model;

    public GmmSupervectorExtractor(VoiceprintModel model) {
        this.model = model;
    }

    /** The extractor over the committed model. */
    public static GmmSupervectorExtractor loadDefault() {
        return new GmmSupervectorExtractor(VoiceprintModel.loadDefault());
    }

    public VoiceprintModel model() {
        return model;
    }

    @Override
    public String engineId() {
        return VoiceprintModel.ENGINE_ID;
    }

    @Override
    public int engineVersion() {
        return model.version();
    }

    @Override
    public int dimension() {
        return model.embeddingDim();
    }

    @Override
    public FrameAccumulator newAccumulator() {
        return new StatsAccumulator();
    }

    @Override
    public double calibrate(double rawScore) {
        return model.calibration().apply(rawScore);
    }

    private final class StatsAccumulator implements FrameAccumulator {
        private final SufficientStats stats = new SufficientStats(model.ubm());
        private final EnvelopeStats envelope = new EnvelopeStats();

        @Override
        public void accept(float[] features) {
            stats.accept(features);
            envelope.accept(features);
        }

        @Override
        public void add(FrameAccumulator other) {
            stats.add(((StatsAccumulator) other).stats);
            envelope.add(((StatsAccumulator) other).envelope);
        }

        @Override
        public void subtract(FrameAccumulator other) {
            stats.subtract(((StatsAccumulator) other).stats);
            envelope.subtract(((StatsAccumulator) other).envelope);
        }

        @Override
        public void clear() {
            stats.clear();
            envelope.clear();
        }

        @Override
        public long frames() {
            return stats.frames();
        }

        @Override
        public float[] embedding() {
            return model.embed(stats, envelope);
        }

        @Override
        public FrameAccumulator copy() {
            StatsAccumulator c = new StatsAccumulator();
            c.add(this);
            return c;
        }
    }
}
