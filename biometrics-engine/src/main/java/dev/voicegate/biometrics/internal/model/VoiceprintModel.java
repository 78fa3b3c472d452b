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
 * The trained GMM-supervector model: UBM, MAP relevance factor, projection and score calibration,
 * with the engine id and version that every template made by it carries. Immutable, thread-safe.
 */
public final class VoiceprintModel {

    /** Engine id written into templates. */
    public static final String ENGINE_ID = "vg-gmmsv";
    /** Classpath resource of the committed model. */
    public static final String RESOURCE = "/dev/voicegate/biometrics/model/vg-gmmsv.bin.gz";

    private static final int MAGIC = 0x5647_4D31; // "VGM1"

    private final int version;
    private final DiagonalGmm ubm;
    private final double relevance;
    private final Projection projection;
    private final Calibration calibration;

    public VoiceprintModel(int version, DiagonalGmm ubm, double relevance, Projection projection, Calibration calibration) {
        this.version = version;
        this.ubm = ubm;
        this.relevance = relevance;
        this.projection = projection;
        this.calibration = calibration;
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
        return projection.outputDim();
    }

    /** A copy of this model with another calibration (used by training). */
    public VoiceprintModel withCalibration(Calibration c) {
        return new VoiceprintModel(version, ubm, relevance, projection, c);
    }

    /** Unit-length embedding of accumulated statistics. */
    public float[] embed(SufficientStats stats) {
        return Projection.lengthNormalize(projection.apply(stats.supervector(relevance)));
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
        if (in.readInt() != MAGIC) {
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
        return new VoiceprintModel(version, new DiagonalGmm(w, means, vars), relevance, new Projection(mean, matrix), cal);
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
