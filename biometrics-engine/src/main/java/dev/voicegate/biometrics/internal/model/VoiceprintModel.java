package dev.voicegate.biometrics.internal.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The trained GMM-supervector model: UBM, MAP relevance factor, projection, the optional
 * spectral-envelope projection with its fusion weight, and score calibration, with the engine id
 * and version that every template made by it carries. Immutable, thread-safe.
 *
 * <p>The embedding is {@code [√(1−β)·ĝ, √β·ê]}: ĝ the unit GMM-supervector embedding, ê the unit
 * envelope embedding, β the envelope weight; it has unit length, so the cosine of two embeddings is
 * {@code (1−β)·cos_g + β·cos_e}, a linear fusion of the two streams. Without an envelope projection
 * (β = 0) the embedding is ĝ alone.
 */
public final class VoiceprintModel {

    /** Engine id written into templates. */
    public static final String ENGINE_ID = "vg-gmmsv";
    /** Classpath resource of the committed model. */
    public static final String RESOURCE = "/dev/voicegate/biometrics/model/vg-gmmsv.bin.gz";

    private static final int MAGIC_V1 = 0x5647_4D31; // "VGM1": GMM stream only
    private static final int MAGIC = 0x5647_4D32; // "VGM2": + envelope projection and weight

    private final int version;
    private final DiagonalGmm ubm;
    private final double relevance;
    private final Projection projection;
    private final Calibration calibration;
    private final Projection envelope;
    private final double envelopeWeight;

    /** A model of the GMM stream only. */
    public VoiceprintModel(int version, DiagonalGmm ubm, double relevance, Projection projection, Calibration calibration) {
        this(version, ubm, relevance, projection, null, 0, calibration);
    }

    /**
     * @param envelope       projection of {@link EnvelopeStats#vector()}, or null for the GMM stream only
     * @param envelopeWeight β in [0, 1): the envelope stream's share of the cosine
     */
    public VoiceprintModel(int version, DiagonalGmm ubm, double relevance, Projection projection, Projection envelope,
                           double envelopeWeight, Calibration calibration) {
        if (envelope == null ? envelopeWeight != 0 : !(envelopeWeight >= 0 && envelopeWeight < 1)) {
            throw new IllegalArgumentException("envelope weight " + envelopeWeight + " outside [0, 1) or without an envelope projection");
        }
        this.version = version;
        this.ubm = ubm;
        this.relevance = relevance;
        this.projection = projection;
        this.calibration = calibration;
        this.envelope = envelope;
        this.envelopeWeight = envelopeWeight;
    }

    public int version() {
        return version;
    }

    public DiagonalGmm ubm() {
        return ubm;
    }

    public Calibration calibration() {
        return calibration;
    }

    public int embeddingDim() {
        return projection.outputDim() + (envelope == null ? 0 : envelope.outputDim());
    }

    /** Dimensions of the envelope stream at the end of the embedding (0 without one). */
    public int envelopeDim() {
        return envelope == null ? 0 : envelope.outputDim();
    }

    public double envelopeWeight() {
        return envelopeWeight;
    }

    /** A copy of this model with another calibration (used by training). */
    public VoiceprintModel withCalibration(Calibration c) {
        return new VoiceprintModel(version, ubm, relevance, projection, envelope, envelopeWeight, c);
    }

    /** A copy of this model with another envelope weight (used by training). */
    public VoiceprintModel withEnvelopeWeight(double beta) {
        return new VoiceprintModel(version, ubm, relevance, projection, envelope, beta, calibration);
    }

    /** Unit-length embedding of accumulated statistics ({@code env} is read only when the model has an envelope stream). */
    public float[] embed(SufficientStats stats, EnvelopeStats env) {
        float[] g = Projection.lengthNormalize(projection.apply(stats.supervector(relevance)));
        if (envelope == null) {
            return g;
        }
        float[] e = Projection.lengthNormalize(envelope.apply(env.vector()));
        float[] out = new float[g.length + e.length];
        float wg = (float) Math.sqrt(1 - envelopeWeight);
        float we = (float) Math.sqrt(envelopeWeight);
        for (int i = 0; i < g.length; i++) {
            out[i] = wg * g[i];
        }
        for (int i = 0; i < e.length; i++) {
            out[g.length + i] = we * e[i];
        }
        return out;
    }

    /** Loads the committed model from the classpath. */
    public static VoiceprintModel loadDefault() {
        try (InputStream in = VoiceprintModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + RESOURCE + " missing (run the 'train' command)");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("model resource " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public static VoiceprintModel read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
        int magic = in.readInt();
        if (magic != MAGIC && magic != MAGIC_V1) {
            throw new IOException("not a VoiceGate model (bad magic)");
        }
        int version = in.readInt();
        int comps = in.readInt();
        int dim = in.readInt();
        float[] w = readFloats(in, comps);
        float[][] means = new float[comps][];
        float[][] vars = new float[comps][];
        for (int c = 0; c < comps; c++) {
            means[c] = readFloats(in, dim);
            vars[c] = readFloats(in, dim);
        }
        double relevance = in.readDouble();
        int out = in.readInt();
        float[] mean = readFloats(in, comps * dim);
        float[][] matrix = new float[out][];
        for (int k = 0; k < out; k++) {
            matrix[k] = readFloats(in, comps * dim);
        }
        Calibration cal = new Calibration(in.readDouble(), in.readDouble());
        Projection env = null;
        double beta = 0;
        if (magic == MAGIC) {
            beta = in.readDouble();
            int envOut = in.readInt();
            float[] envMean = readFloats(in, EnvelopeStats.DIM);
            float[][] envMatrix = new float[envOut][];
            for (int k = 0; k < envOut; k++) {
                envMatrix[k] = readFloats(in, EnvelopeStats.DIM);
            }
            env = envOut == 0 ? null : new Projection(envMean, envMatrix);
        }
        return new VoiceprintModel(version, new DiagonalGmm(w, means, vars), relevance, new Projection(mean, matrix), env, beta, cal);
    }

    public void write(OutputStream raw) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(raw);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz));
        out.writeInt(MAGIC);
        out.writeInt(version);
        out.writeInt(ubm.components);
        out.writeInt(ubm.dim);
        writeFloats(out, ubm.weights);
        for (int c = 0; c < ubm.components; c++) {
            writeFloats(out, ubm.means[c]);
            writeFloats(out, ubm.variances[c]);
        }
        out.writeDouble(relevance);
        out.writeInt(projection.outputDim());
        writeFloats(out, projection.mean);
        for (float[] row : projection.matrix) {
            writeFloats(out, row);
        }
        out.writeDouble(calibration.a());
        out.writeDouble(calibration.b());
        out.writeDouble(envelopeWeight);
        out.writeInt(envelope == null ? 0 : envelope.outputDim());
        writeFloats(out, envelope == null ? new float[EnvelopeStats.DIM] : envelope.mean);
        if (envelope != null) {
            for (float[] row : envelope.matrix) {
                writeFloats(out, row);
            }
        }
        out.flush();
        gz.finish();
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        for (float f : v) {
            out.writeFloat(f);
        }
    }
}
