package dev.voicegate.biometrics.xvector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for a Kaldi vector (e.g. {@code mean.vec}) and matrix (e.g. {@code transform.mat}), in
 * either of Kaldi's two forms: binary ({@code "\0B"} then {@code FV}/{@code DV} or
 * {@code FM}/{@code DM}) or text ({@code [ v1 v2 … ]}, a matrix with one row per line). A wrong
 * header, a truncated file, a non-number or ragged rows throw {@link KaldiFormatException}
 * naming the file. Stateless and thread-safe.
 */
public final class KaldiObjects {

    private KaldiObjects() {
    }

    /** Reads a vector file. */
    public static float[] readVector(Path file) {
        return readVector(bytes(file), file.toString());
    }

    /** Reads a vector from bytes; {@code name} is used in error messages. */
    public static float[] readVector(byte[] data, String name) {
        if (isBinary(data)) {
            KaldiBinaryReader r = new KaldiBinaryReader(data, name);
            r.expectBinaryHeader("vector");
            float[] v = r.vector("vector");
            trailing(r);
            return v;
        }
        List<float[]> rows = textRows(data, name, "vector");
        if (rows.size() != 1) {
            throw new KaldiFormatException(name, "expected one vector, found " + rows.size() + " lines of values");
        }
        return rows.get(0);
    }

    /** Reads a matrix file, row-major. */
    public static float[][] readMatrix(Path file) {
        return readMatrix(bytes(file), file.toString());
    }

    /** Reads a matrix from bytes, row-major; {@code name} is used in error messages. */
    public static float[][] readMatrix(byte[] data, String name) {
        if (isBinary(data)) {
            KaldiBinaryReader r = new KaldiBinaryReader(data, name);
            r.expectBinaryHeader("matrix");
            KaldiBinaryReader.Matrix m = r.matrix("matrix");
            trailing(r);
            float[][] out = new float[m.rows()][m.cols()];
            for (int i = 0; i < m.rows(); i++) {
                System.arraycopy(m.data(), i * m.cols(), out[i], 0, m.cols());
            }
            return out;
        }
        List<float[]> rows = textRows(data, name, "matrix");
        for (float[] row : rows) {
            if (row.length != rows.get(0).length) {
                throw new KaldiFormatException(name, "ragged matrix: rows of " + rows.get(0).length + " and "
                        + row.length + " values");
            }
        }
        return rows.toArray(new float[0][]);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }

    private static boolean isBinary(byte[] d) {
        return d.length >= 2 && d[0] == 0 && d[1] == 'B';
    }

    private static void trailing(KaldiBinaryReader r) {
        if (r.peekByte() >= 0) {
            throw r.error("unexpected data after the object");
        }
    }

    /** Text form: {@code [ a b c \n d e f ]}; returns the rows between the brackets. */
    private static List<float[]> textRows(byte[] data, String name, String what) {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        int open = s.indexOf('[');
        if (open < 0 || !s.substring(0, open).isBlank()) {
            throw new KaldiFormatException(name, "wrong magic: not a Kaldi " + what
                    + " (expected the binary header \\0B or a text '[')");
        }
        int close = s.indexOf(']', open);
        if (close < 0) {
            throw new KaldiFormatException(name, "truncated: the " + what + " has no closing ']'");
        }
        if (!s.substring(close + 1).isBlank()) {
            throw new KaldiFormatException(name, "unexpected data after the closing ']'");
        }
        List<float[]> rows = new ArrayList<>();
        for (String line : s.substring(open + 1, close).split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] parts = t.split("\\s+");
            float[] row = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    row[i] = Float.parseFloat(parts[i]);
                } catch (NumberFormatException e) {
                    throw new KaldiFormatException(name, "not a number: '" + parts[i] + "'");
                }
                if (!Float.isFinite(row[i])) {
                    throw new KaldiFormatException(name, "non-finite value: '" + parts[i] + "'");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new KaldiFormatException(name, "empty " + what);
        }
        return rows;
    }
}
