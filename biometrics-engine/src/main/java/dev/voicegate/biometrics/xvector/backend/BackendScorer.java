package dev.voicegate.biometrics.xvector.backend;

import dev.voicegate.biometrics.xvector.EmbeddingScorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The engine's {@link EmbeddingScorer} over a trained, calibrated {@link XvectorBackend}.
 *
 * <ul>
 *   <li>{@link XvectorBackend.Scoring#COSINE}: {@code project(x) = unit(WCCN(unit(LDA(x))))} and the raw score is
 *       the cosine of the template mean and the test vector (one dot product per template: cheap for 1:N).</li>
 *   <li>{@link XvectorBackend.Scoring#PLDA}: {@code project(x)} is the unit-length PLDA-space vector (Kaldi's
 *       transform of {@code unit(LDA(x))}), and the raw score is the PLDA log-likelihood ratio of one session
 *       against one, both scaled to length √dim. Costs a pass over the dimension per template.</li>
 * </ul>
 *
 * With a fusion weight w &gt; 0 ({@link XvectorBackend#withPlainWeight}, cosine only) the projected vector is
 * {@code [√(1−w)·p, √w·unit(x)]} ({@code p} the cosine projection above), so the raw score is
 * {@code (1−w)·(back-end cosine) + w·(plain cosine)}, still one dot product per template.
 *
 * No score normalisation: the cohort of the file, if any, is ignored here. AS-Norm gained about 0.85 points of mean
 * EER in the real-speech cross-validation (docs/engine.md §10), but it needs a cohort pass per comparison, which a
 * 1:N search over many templates cannot afford; it belongs on a 1:1-only path this interface does not have yet.
 * {@link #calibrate} is the file's calibration, fitted on this class's raw scores by {@link TrainBackend}.
 * Immutable, thread-safe.
 */
public final class BackendScorer implements EmbeddingScorer {

    /** The shipped back end (trained by {@code biometrics-engine/corpus/real/train-backend.sh}). */
    public static final String RESOURCE = "/dev/voicegate/biometrics/xvector/backend.vgxb";

    private static volatile BackendScorer shipped;

    private final XvectorBackend backend;
    private final ScoreCalibration calibration;
    private final int dim;

    /** @throws IllegalArgumentException when the back end has no calibration */
    public BackendScorer(XvectorBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.calibration = backend.calibration().orElseThrow(
                () -> new IllegalArgumentException("backend scorer: the back end has no calibration"));
        this.dim = dimensionOf(backend);
    }

    private static int dimensionOf(XvectorBackend b) {
        return b.lda.outDim() + (b.plainWeight > 0 ? b.inputDim() : 0);
    }

    /** An uncalibrated scorer, for training tools only ({@link #calibrate} throws). */
    static BackendScorer uncalibrated(XvectorBackend backend) {
        return new BackendScorer(backend, null);
    }

    private BackendScorer(XvectorBackend backend, ScoreCalibration calibration) {
        this.backend = backend;
        this.calibration = calibration;
        this.dim = dimensionOf(backend);
    }

    /**
     * The back end shipped in this jar, read once per JVM.
     *
     * @throws BackendFormatException when the resource is missing, corrupt or has no calibration
     */
    public static BackendScorer loadDefault() {
        BackendScorer s = shipped;
        if (s == null) {
            synchronized (BackendScorer.class) {
                s = shipped;
                if (s == null) {
                    String source = "classpath:" + RESOURCE;
                    byte[] data;
                    try (InputStream in = BackendScorer.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new BackendFormatException(source, "missing from the jar");
                        }
                        data = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(source + ": cannot read", e);
                    }
                    s = fromBytes(data, source);
                    shipped = s;
                }
            }
        }
        return s;
    }

    /** The bytes of the back end shipped in this jar (a copy). */
    public static byte[] shippedBytes() {
        String source = "classpath:" + RESOURCE;
        try (InputStream in = BackendScorer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new BackendFormatException(source, "missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read", e);
        }
    }

    /** Reads a back-end file. @throws BackendFormatException when it is corrupt or has no calibration */
    public static BackendScorer load(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
        return fromBytes(data, file.toString());
    }

    /** A back end from the bytes of its file; {@code source} names it in errors. @throws BackendFormatException */
    public static BackendScorer fromBytes(byte[] data, String source) {
        XvectorBackend b = BackendFile.read(data, source);
        if (b.calibration().isEmpty()) {
            throw new BackendFormatException(source, "has no score calibration (expected: a trained, calibrated back end)");
        }
        return new BackendScorer(b);
    }

    public XvectorBackend backend() {
        return backend;
    }

    @Override
    public String id() {
        String base = backend.scoring() == XvectorBackend.Scoring.COSINE ? "lda-wccn-cos" : "lda-plda";
        return backend.plainWeight > 0 ? base + "+plain" : base;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public float[] project(float[] xvector) {
        if (xvector.length != backend.inputDim()) {
            throw new IllegalArgumentException("x-vector has " + xvector.length + " values (expected: "
                    + backend.inputDim() + ")");
        }
        float[] y = Vectors.lengthNormalise(backend.lda.apply(xvector));
        float[] p = backend.scoring() == XvectorBackend.Scoring.COSINE
                ? Vectors.lengthNormalise(backend.wccn.apply(y))
                : Vectors.lengthNormalise(Mats.toFloat(backend.plda.transform(y, 1)));
        double w = backend.plainWeight;
        if (w == 0) {
            return p;
        }
        // Fusion: [√(1−w)·p, √w·unit(x)] is unit length, and its dot product with another such vector is
        // (1−w)·(back-end cosine) + w·(plain cosine): the fused score stays one dot product per template.
        float[] x = Vectors.lengthNormalise(xvector);
        float[] out = new float[dim];
        float a = (float) Math.sqrt(1 - w);
        float b = (float) Math.sqrt(w);
        for (int i = 0; i < p.length; i++) {
            out[i] = a * p[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[p.length + i] = b * x[i];
        }
        return out;
    }

    @Override
    public double rawScore(float[] templateMean, float[] projectedTest) {
        if (templateMean.length != dim || projectedTest.length != dim) {
            throw new IllegalArgumentException("score: vectors of " + templateMean.length + " and "
                    + projectedTest.length + " values (expected: " + dim + ")");
        }
        if (backend.scoring() == XvectorBackend.Scoring.COSINE) {
            double ab = 0;
            double aa = 0;
            for (int i = 0; i < dim; i++) {
                ab += (double) templateMean[i] * projectedTest[i];
                aa += (double) templateMean[i] * templateMean[i];
            }
            return aa == 0 ? 0 : ab / Math.sqrt(aa);
        }
        double scale = Math.sqrt(dim);
        double[] e = new double[dim];
        double[] t = new double[dim];
        for (int i = 0; i < dim; i++) {
            e[i] = templateMean[i] * scale;
            t[i] = projectedTest[i] * scale;
        }
        return backend.plda.logLikelihoodRatio(e, 1, t);
    }

    @Override
    public double calibrate(double rawScore) {
        if (calibration == null) {
            throw new IllegalStateException("backend scorer: uncalibrated (training only)");
        }
        return calibration.probability(rawScore);
    }
}
