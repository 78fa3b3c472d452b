package dev.voicegate.biometrics.xvector.backend;

import java.util.List;

/** Length normalisation, averaging and cosine similarity of embeddings. Stateless, thread-safe. */
public final class Vectors {

    private Vectors() {
    }

    /** {@code x / |x|} as a new array; a zero or non-finite vector is refused. */
    public static float[] lengthNormalise(float[] x) {
        double n = norm(x);
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("cannot length-normalise a vector of norm " + n);
        }
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] / n);
        }
        return y;
    }

    public static double norm(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /** Cosine of the angle between two vectors of one dimension (0 when either is zero). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimensions differ: " + a.length + " vs " + b.length);
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** Element-wise mean of one or more vectors of one dimension. */
    public static float[] mean(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("mean of no vectors");
        }
        int d = vectors.get(0).length;
        double[] s = new double[d];
        for (float[] v : vectors) {
            if (v.length != d) {
                throw new IllegalArgumentException("dimensions differ: " + v.length + " vs " + d);
            }
            for (int i = 0; i < d; i++) {
                s[i] += v[i];
            }
        }
        float[] m = new float[d];
        for (int i = 0; i < d; i++) {
            m[i] = (float) (s[i] / vectors.size());
        }
        return m;
    }
}
