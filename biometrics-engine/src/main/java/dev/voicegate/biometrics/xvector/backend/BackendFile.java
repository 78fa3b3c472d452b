package dev.voicegate.biometrics.xvector.backend;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The binary form of a trained {@link XvectorBackend}, small enough to commit as a resource. Big-endian:
 * <pre>
 * "VGXB"  u8 version (1 or 2)  u8 scoring (0 cosine, 1 PLDA)  [version 2: f64 plainWeight]  i32 inDim  i32 ldaDim
 * f32[inDim] lda mean   f32[ldaDim·inDim] lda matrix   f32[ldaDim²] wccn matrix
 * f32[ldaDim] plda mean   f32[ldaDim²] plda transform   f32[ldaDim] plda psi
 * i32 cohortSize  i32 topN  f32[cohortSize·inDim] cohort embeddings
 * u8 hasCalibration  [f64 slope  f64 offset  f64 priorTarget]
 * u32 CRC-32 of every byte before it
 * </pre>
 * Version 2 adds the weight of the plain x-vector in {@link BackendScorer}'s fused vectors (0 &lt; w &lt; 1); a back end
 * without fusion is written as version 1, so its bytes are those of the earlier format.
 * Reading checks the magic, version, dimensions (1..4096), the exact length and the checksum, and reports the first
 * problem as a {@link BackendFormatException} naming the source. Stateless, thread-safe.
 */
public final class BackendFile {

    static final byte[] MAGIC = {'V', 'G', 'X', 'B'};
    static final int VERSION = 1;
    static final int VERSION_FUSED = 2;
    private static final int MAX_DIM = 4096;
    private static final int MAX_COHORT = 1_000_000;

    private BackendFile() {
    }

    public static byte[] write(XvectorBackend b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(b.plainWeight > 0 ? VERSION_FUSED : VERSION);
            out.writeByte(b.scoring.ordinal());
            if (b.plainWeight > 0) {
                out.writeDouble(b.plainWeight);
            }
            out.writeInt(b.lda.inDim());
            out.writeInt(b.lda.outDim());
            floats(out, b.lda.mean());
            floats(out, b.lda.matrix());
            floats(out, b.wccn.matrix());
            floats(out, b.plda.mean());
            floats(out, b.plda.transform());
            floats(out, b.plda.psi());
            out.writeInt(b.cohort.size());
            out.writeInt(b.topN);
            for (float[] c : b.cohort) {
                floats(out, c);
            }
            out.writeByte(b.calibration == null ? 0 : 1);
            if (b.calibration != null) {
                out.writeDouble(b.calibration.slope());
                out.writeDouble(b.calibration.offset());
                out.writeDouble(b.calibration.priorTarget());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * @param source names the file or resource in error messages
     * @throws BackendFormatException on a wrong magic or version, bad dimensions, truncation, trailing bytes, a
     *                                checksum mismatch or invalid contents
     */
    public static XvectorBackend read(byte[] data, String source) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        try {
            byte[] magic = new byte[4];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new BackendFormatException(source, "not an x-vector back-end file (magic "
                        + hex(magic) + ", expected: " + hex(MAGIC) + " \"VGXB\")");
            }
            int version = in.get() & 0xff;
            if (version != VERSION && version != VERSION_FUSED) {
                throw new BackendFormatException(source, "version " + version + " (expected: " + VERSION + " or "
                        + VERSION_FUSED + ")");
            }
            int scoring = in.get() & 0xff;
            if (scoring >= XvectorBackend.Scoring.values().length) {
                throw new BackendFormatException(source, "scoring " + scoring + " (expected: 0 or 1)");
            }
            double plainWeight = 0;
            if (version == VERSION_FUSED) {
                plainWeight = in.getDouble();
                if (!(plainWeight > 0 && plainWeight < 1)) {
                    throw new BackendFormatException(source, "plain x-vector weight " + plainWeight
                            + " (expected: 0 < w < 1 in a version 2 file)");
                }
            }
            int inDim = dim(in.getInt(), "input dimension", source);
            int ldaDim = dim(in.getInt(), "lda dimension", source);
            if (ldaDim > inDim) {
                throw new BackendFormatException(source, "lda dimension " + ldaDim + " > input dimension " + inDim);
            }
            float[] ldaMean = floats(in, inDim);
            float[] ldaMatrix = floats(in, ldaDim * inDim);
            float[] wccn = floats(in, ldaDim * ldaDim);
            float[] pldaMean = floats(in, ldaDim);
            float[] pldaTransform = floats(in, ldaDim * ldaDim);
            float[] psi = floats(in, ldaDim);
            int cohortSize = in.getInt();
            int topN = in.getInt();
            if (cohortSize < 0 || cohortSize > MAX_COHORT || cohortSize == 1) {
                throw new BackendFormatException(source, "cohort size " + cohortSize + " (expected: 0 or 2.." + MAX_COHORT + ")");
            }
            List<float[]> cohort = new ArrayList<>();
            for (int i = 0; i < cohortSize; i++) {
                cohort.add(floats(in, inDim));
            }
            int hasCal = in.get() & 0xff;
            if (hasCal > 1) {
                throw new BackendFormatException(source, "calibration flag " + hasCal + " (expected: 0 or 1)");
            }
            double[] cal = hasCal == 1 ? new double[] {in.getDouble(), in.getDouble(), in.getDouble()} : null;
            int body = in.position();
            int stored = in.getInt();
            if (in.hasRemaining()) {
                throw new BackendFormatException(source, in.remaining() + " unexpected bytes after the checksum");
            }
            CRC32 crc = new CRC32();
            crc.update(data, 0, body);
            if ((int) crc.getValue() != stored) {
                throw new BackendFormatException(source, "checksum mismatch (file is corrupt)");
            }
            try {
                AffineTransform lda = new AffineTransform(ldaMean, ldaMatrix, ldaDim);
                AffineTransform w = new AffineTransform(new float[ldaDim], wccn, ldaDim);
                Plda plda = new Plda(pldaMean, pldaTransform, psi);
                XvectorBackend b = new XvectorBackend(lda, w, plda, XvectorBackend.Scoring.values()[scoring],
                        List.of(), 0, null, plainWeight);
                if (cohortSize > 0) {
                    b = b.withCohort(cohort, topN);
                }
                return cal == null ? b : b.withCalibration(new ScoreCalibration(cal[0], cal[1], cal[2]));
            } catch (IllegalArgumentException e) {
                throw new BackendFormatException(source, "invalid contents: " + e.getMessage());
            }
        } catch (BufferUnderflowException e) {
            throw new BackendFormatException(source, "truncated (" + data.length + " bytes)");
        }
    }

    private static int dim(int d, String what, String source) {
        if (d < 1 || d > MAX_DIM) {
            throw new BackendFormatException(source, what + " " + d + " (expected: 1.." + MAX_DIM + ")");
        }
        return d;
    }

    private static void floats(DataOutputStream out, float[] v) throws IOException {
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    private static float[] floats(ByteBuffer in, int n) {
        if (in.remaining() < (long) n * 4) {
            throw new BufferUnderflowException();
        }
        float[] v = new float[n];
        in.asFloatBuffer().get(v);
        in.position(in.position() + n * 4);
        return v;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder("0x");
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }
}
