package dev.voicegate.biometrics.xvector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the numeric fixtures written by {@code src/test/oracle/make_xvector_fixtures.py}: blocks
 * of {@code name rows cols} followed by rows of numbers.
 */
final class OracleFixture {

    private final Map<String, double[][]> blocks;

    private OracleFixture(Map<String, double[][]> blocks) {
        this.blocks = blocks;
    }

    static OracleFixture load(String resource) {
        try (InputStream in = OracleFixture.class.getResourceAsStream("/dev/voicegate/biometrics/xvector/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
            Map<String, double[][]> map = new HashMap<>();
            int i = 0;
            while (i < lines.length) {
                if (lines[i].isBlank()) {
                    i++;
                    continue;
                }
                String[] h = lines[i++].split(" ");
                int rows = Integer.parseInt(h[1]);
                int cols = Integer.parseInt(h[2]);
                double[][] a = new double[rows][];
                for (int r = 0; r < rows; r++) {
                    String[] p = lines[i++].trim().split(" ");
                    if (p.length != cols) {
                        throw new IllegalStateException(resource + ": " + h[0] + " row " + r + " has " + p.length + " values");
                    }
                    a[r] = new double[cols];
                    for (int c = 0; c < cols; c++) {
                        a[r][c] = Double.parseDouble(p[c]);
                    }
                }
                map.put(h[0], a);
            }
            return new OracleFixture(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double[][] get(String name) {
        double[][] a = blocks.get(name);
        if (a == null) {
            throw new IllegalStateException("no block " + name);
        }
        return a;
    }

    double[] row(String name) {
        return get(name)[0];
    }

    float[][] floats(String name) {
        double[][] a = get(name);
        float[][] f = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            f[r] = new float[a[r].length];
            for (int c = 0; c < a[r].length; c++) {
                f[r][c] = (float) a[r][c];
            }
        }
        return f;
    }

    /** ‖actual − expected‖ / ‖expected‖. */
    static double relativeError(float[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("length " + actual.length + " (expected " + expected.length + ")");
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = actual[i] - expected[i];
            num += d * d;
            den += expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }

    static double relativeError(double[] actual, double[] expected) {
        float[] f = new float[actual.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) actual[i];
        }
        return relativeError(f, expected);
    }
}
