package dev.voicegate.biometrics.internal.model;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Trains a diagonal GMM by EM with binary splitting (1 → 2 → … → K components, perturbing each
 * mean by ±0.2σ along every dimension, a few EM iterations per level). Variances are floored at
 * 1e-3. Deterministic for a given frame list. Uses the common pool for the E-step.
 */
public final class GmmTrainer {

    private static final float VAR_FLOOR = 1e-3f;

    private GmmTrainer() {
    }

    public static DiagonalGmm train(List<float[]> frames, int components, int itersPerLevel) {
        int dim = frames.get(0).length;
        float[] mean = new float[dim];
        float[] var = new float[dim];
        for (float[] x : frames) {
            for (int d = 0; d < dim; d++) {
                mean[d] += x[d] / frames.size();
            }
        }
        for (float[] x : frames) {
            for (int d = 0; d < dim; d++) {
                var[d] += (x[d] - mean[d]) * (x[d] - mean[d]) / frames.size();
            }
        }
        DiagonalGmm gmm = new DiagonalGmm(new float[] {1f}, new float[][] {mean}, new float[][] {floor(var)});
        while (gmm.components < components) {
            gmm = split(gmm);
            for (int i = 0; i < itersPerLevel; i++) {
                gmm = emStep(gmm, frames);
            }
        }
        return gmm;
    }

    private static float[] floor(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(v[i], VAR_FLOOR);
        }
        return v;
    }

    private static DiagonalGmm split(DiagonalGmm g) {
        int k = g.components;
        float[] w = new float[2 * k];
        float[][] m = new float[2 * k][];
        float[][] v = new float[2 * k][];
        for (int c = 0; c < k; c++) {
            w[2 * c] = w[2 * c + 1] = g.weights[c] / 2;
            m[2 * c] = g.means[c].clone();
            m[2 * c + 1] = g.means[c].clone();
            for (int d = 0; d < g.dim; d++) {
                float delta = 0.2f * (float) Math.sqrt(g.variances[c][d]);
                m[2 * c][d] += delta;
                m[2 * c + 1][d] -= delta;
            }
            v[2 * c] = g.variances[c].clone();
            v[2 * c + 1] = g.variances[c].clone();
        }
        return new DiagonalGmm(w, m, v);
    }

    /** One EM iteration (E-step in parallel chunks, M-step with variance flooring). */
    static DiagonalGmm emStep(DiagonalGmm g, List<float[]> frames) {
        int chunks = 16;
        int size = (frames.size() + chunks - 1) / chunks;
        double[][][] parts = IntStream.range(0, chunks).parallel().mapToObj(ch -> {
            double[] n = new double[g.components];
            double[] f = new double[g.components * g.dim];
            double[] s = new double[g.components * g.dim];
            double[] post = new double[g.components];
            for (int t = ch * size; t < Math.min(frames.size(), (ch + 1) * size); t++) {
                float[] x = frames.get(t);
                g.posteriors(x, post);
                for (int c = 0; c < g.components; c++) {
                    double p = post[c];
                    if (p < 1e-6) {
                        continue;
                    }
                    n[c] += p;
                    for (int d = 0; d < g.dim; d++) {
                        f[c * g.dim + d] += p * x[d];
                        s[c * g.dim + d] += p * x[d] * x[d];
                    }
                }
            }
            return new double[][] {n, f, s};
        }).toArray(double[][][]::new);
        double[] n = new double[g.components];
        double[] f = new double[g.components * g.dim];
        double[] s = new double[g.components * g.dim];
        for (double[][] p : parts) {
            for (int i = 0; i < n.length; i++) {
                n[i] += p[0][i];
            }
            for (int i = 0; i < f.length; i++) {
                f[i] += p[1][i];
                s[i] += p[2][i];
            }
        }
        float[] w = new float[g.components];
        float[][] m = new float[g.components][g.dim];
        float[][] v = new float[g.components][g.dim];
        for (int c = 0; c < g.components; c++) {
            double nc = Math.max(n[c], 1e-3);
            w[c] = (float) (nc / frames.size());
            for (int d = 0; d < g.dim; d++) {
                double mu = f[c * g.dim + d] / nc;
                m[c][d] = (float) mu;
                v[c][d] = (float) Math.max(s[c * g.dim + d] / nc - mu * mu, VAR_FLOOR);
            }
        }
        return new DiagonalGmm(w, m, v);
    }
}
