package dev.voicegate.biometrics.xvector;

import dev.voicegate.biometrics.api.FeaturePipeline;
import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import dev.voicegate.biometrics.xvector.backend.BackendFormatException;
import dev.voicegate.biometrics.xvector.backend.BackendScorer;
import java.util.Objects;

/**
 * The telephone x-vector extractor ({@code vg-xvec}, issue 9): its own front end ({@link XvectorFrontEnd}: Kaldi
 * MFCC, energy VAD, sliding CMN) delivers the voiced, normalised 23-dim frames in order; accumulators stream them
 * through the network's frame-level layers and keep the additive {@link PoolingStats}; an embedding is
 * {@code scorer.project(model.postProcess(network.xvector(stats)))}. Scores and calibration are the
 * {@link EmbeddingScorer}'s. Immutable, thread-safe (accumulators are not).
 *
 * <p>{@link #engineVersion()} is {@code 1} with the provisional {@link CosineScorer}; each trained back end is a
 * new version, so templates made with another back end are refused ("re-enroll").
 */
public final class XvectorExtractor implements VoiceprintExtractor {

    /** The engine id written into templates. */
    public static final String ENGINE_ID = "vg-xvec";

    /** Where the trained back end will be shipped (read by its own factory, see {@link #defaultScorer()}). */
    public static final String BACKEND_RESOURCE = XvectorModel.RESOURCE_DIR + "backend.vgxb";

    private static volatile XvectorExtractor shipped;

    private final XvectorModel model;
    private final XvectorNetwork network;
    private final EmbeddingScorer scorer;
    private final int version;

    /**
     * @param version template version (≥ 1); must change whenever the model or the scorer does
     */
    public XvectorExtractor(XvectorModel model, EmbeddingScorer scorer, int version) {
        this.model = Objects.requireNonNull(model, "model");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.network = model.network();
        if (version < 1) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
        }
        this.version = version;
    }

    /** The shipped model with {@link #defaultScorer()}, loaded once per JVM. */
    public static XvectorExtractor loadDefault() {
        XvectorExtractor x = shipped;
        if (x == null) {
            synchronized (XvectorExtractor.class) {
                x = shipped;
                if (x == null) {
                    XvectorModel m = XvectorModel.loadDefault();
                    x = new XvectorExtractor(m, defaultScorer(m), DEFAULT_VERSION);
                    shipped = x;
                }
            }
        }
        return x;
    }

    /**
     * The shipped network with a back end read from {@code backendFile} (a {@code backend.vgxb} written by
     * {@code TrainBackend}, e.g. retrained on an operator's own calls). A file byte-identical to the shipped back end
     * gives {@link #loadDefault()} itself (same template version); any other file gets its own template version,
     * {@link #backendVersion}, so templates made with one back end are never compared under another.
     *
     * @throws BackendFormatException naming the file when it is not a readable, calibrated back end
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static XvectorExtractor withBackend(java.nio.file.Path backendFile) {
        byte[] data;
        try {
            data = java.nio.file.Files.readAllBytes(backendFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(backendFile + ": cannot read (" + e.getMessage() + ")", e);
        }
        BackendScorer scorer = BackendScorer.fromBytes(data, backendFile.toString());
        if (java.util.Arrays.equals(data, BackendScorer.shippedBytes())) {
            return loadDefault();
        }
        return new XvectorExtractor(XvectorModel.loadDefault(), scorer, backendVersion(data));
    }

    /**
     * The template version of a back end other than the shipped one: the first 31 bits of the SHA-256 of its file,
     * moved above the versions the shipped back ends use (1 and 2). The same file always gives the same version; two
     * different files collide with probability about 2<sup>-31</sup>.
     */
    public static int backendVersion(byte[] backendFileBytes) {
        byte[] h;
        try {
            h = java.security.MessageDigest.getInstance("SHA-256").digest(backendFileBytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        int v = java.nio.ByteBuffer.wrap(h).getInt() & 0x7fffffff;
        return v <= DEFAULT_VERSION ? v + DEFAULT_VERSION + 1 : v;
    }

    /** Template version of {@link #loadDefault()}: bump with the scorer line below. */
    static final int DEFAULT_VERSION = 2;

    /**
     * The scorer {@link #loadDefault()} uses. The trained back end at {@link #BACKEND_RESOURCE} (LDA 64 + WCCN +
     * cosine, calibrated on real speech; docs/engine.md §10); {@link CosineScorer} is the training-free alternative.
     */
    static EmbeddingScorer defaultScorer(XvectorModel m) {
        return dev.voicegate.biometrics.xvector.backend.BackendScorer.loadDefault();
    }

    public XvectorModel model() {
        return model;
    }

    public EmbeddingScorer scorer() {
        return scorer;
    }

    @Override
    public String engineId() {
        return ENGINE_ID;
    }

    @Override
    public int engineVersion() {
        return version;
    }

    @Override
    public int dimension() {
        return scorer.dimension();
    }

    @Override
    public boolean heavyAccumulation() {
        return true;
    }

    /** The x-vector front end at 8 kHz, passing on only the voiced frames (what the network sees). */
    @Override
    public FeaturePipeline newFeaturePipeline(FeaturePipeline.Sink sink) {
        Objects.requireNonNull(sink, "sink");
        XvectorFrontEnd fe = new XvectorFrontEnd(KaldiMfcc.SAMPLE_RATE, (frame, t, voiced) -> {
            if (voiced) {
                sink.accept(frame, t);
            }
        });
        return new FeaturePipeline() {
            @Override
            public void accept(short[] pcm8k) {
                fe.accept(pcm8k, 0, pcm8k.length);
            }

            @Override
            public void finish() {
                fe.finish();
            }

            @Override
            public long framesDelivered() {
                return fe.voicedFrames();
            }
        };
    }

    @Override
    public FrameAccumulator newAccumulator() {
        return new Accumulator(network.newStats(), null);
    }

    @Override
    public double rawScore(float[] a, float[] b) {
        return scorer.rawScore(a, b);
    }

    @Override
    public double calibrate(double rawScore) {
        return scorer.calibrate(rawScore);
    }

    /** The embedding of pooled statistics (they must hold at least one frame). */
    public float[] embedding(PoolingStats stats) {
        float[] x = network.xvector(stats).orElseThrow(() -> new IllegalStateException("no frames accumulated"));
        return scorer.project(model.postProcess(x));
    }

    @Override
    public String toString() {
        return "XvectorExtractor[" + ENGINE_ID + " v" + version + ", " + scorer + ", kernel=" + network.kernelName() + "]";
    }

    /**
     * Pooled statistics plus, once frames are accepted directly, a network stream whose statistics count too.
     * Copies and the results of add/subtract are statistics only. The stream may move between threads when
     * the hand-over is ordered (it keeps per-thread scratch only during a call).
     */
    private final class Accumulator implements FrameAccumulator {
        private final PoolingStats base;
        private XvectorNetwork.Stream stream;

        Accumulator(PoolingStats base, XvectorNetwork.Stream stream) {
            this.base = base;
            this.stream = stream;
        }

        @Override
        public void accept(float[] features) {
            if (stream == null) {
                stream = network.newStream();
            }
            stream.accept(features);
        }

        /** Everything accumulated, as statistics (a fresh object). */
        PoolingStats stats() {
            PoolingStats s = base.copy();
            if (stream != null && stream.frames() > 0) {
                s.add(stream.poolingStats());
            }
            return s;
        }

        @Override
        public void add(FrameAccumulator other) {
            base.add(of(other).stats());
        }

        /** @throws IllegalStateException on an accumulator that accepted frames: subtract from its {@link #copy()} */
        @Override
        public void subtract(FrameAccumulator other) {
            if (stream != null && stream.frames() > 0) {
                throw new IllegalStateException("subtract from a streaming accumulator (expected: subtract from its copy())");
            }
            base.subtract(of(other).stats());
        }

        @Override
        public void clear() {
            base.clear();
            stream = null;
        }

        /** Pooled frames plus frames accepted into the stream (network outputs and inputs differ by the context). */
        @Override
        public long frames() {
            return base.count() + (stream == null ? 0 : stream.frames());
        }

        @Override
        public float[] embedding() {
            return XvectorExtractor.this.embedding(stats());
        }

        @Override
        public FrameAccumulator copy() {
            return new Accumulator(stats(), null);
        }

        private Accumulator of(FrameAccumulator other) {
            if (!(other instanceof Accumulator a) || a.base.dim() != base.dim()) {
                throw new IllegalArgumentException("accumulator of another extractor: " + other.getClass().getName());
            }
            return a;
        }
    }
}
