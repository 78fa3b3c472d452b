package dev.voicegate.biometrics.xvector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Affine kernel on the JDK 17 incubator Vector API: a 4-frame × 4-output register block of
 * fused multiply-add accumulators along the input dimension (weights in their file layout,
 * {@code outDim × inDim}), lanes reduced once per output value; output rows outer, frames inner,
 * so each group of four weight rows is read once per block of frames. (A transposed-panel
 * variant with broadcast inputs, the usual BLAS layout, measured 5–20× slower here on JDK 17;
 * not investigated further.) Loaded reflectively by
 * {@link Gemm} only when {@code jdk.incubator.vector} is present.
 */
final class VectorGemm extends Gemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    Kernel prepare(Nnet3Component.Affine a) {
        return new K(a.linear(), a.bias().clone(), a.inputDim(), a.outputDim());
    }

    @Override
    String name() {
        return "vector-" + S.vectorBitSize();
    }

    private record K(float[] w, float[] bias, int inDim, int outDim) implements Kernel {

        /** The shared ending of every output value: lanes, then the tail in order, then the bias. */
        private float finish(FloatVector acc, float[] x, int xo, int wo, int main, int o) {
            float s = acc.reduceLanes(VectorOperators.ADD);
            for (int i = main; i < inDim; i++) {
                s += x[xo + i] * w[wo + i];
            }
            return s + bias[o];
        }

        @Override
        public void apply(float[] x, int rows, float[] y) {
            final int in = inDim;
            final int out = outDim;
            final int lanes = S.length();
            final int main = in - in % lanes;
            int o = 0;
            // outputs outer: four weight rows stay in L1 while every frame of the block passes
            for (; o + 4 <= out; o += 4) {
                final int w0 = o * in;
                final int w1 = w0 + in;
                final int w2 = w1 + in;
                final int w3 = w2 + in;
                int r = 0;
                for (; r + 4 <= rows; r += 4) {
                    final int x0 = r * in;
                    final int x1 = x0 + in;
                    final int x2 = x1 + in;
                    final int x3 = x2 + in;
                    FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
                    FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
                    FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
                    FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
                    for (int i = 0; i < main; i += lanes) {
                        FloatVector v0 = FloatVector.fromArray(S, x, x0 + i);
                        FloatVector v1 = FloatVector.fromArray(S, x, x1 + i);
                        FloatVector v2 = FloatVector.fromArray(S, x, x2 + i);
                        FloatVector v3 = FloatVector.fromArray(S, x, x3 + i);
                        FloatVector u = FloatVector.fromArray(S, w, w0 + i);
                        a00 = v0.fma(u, a00);
                        a10 = v1.fma(u, a10);
                        a20 = v2.fma(u, a20);
                        a30 = v3.fma(u, a30);
                        u = FloatVector.fromArray(S, w, w1 + i);
                        a01 = v0.fma(u, a01);
                        a11 = v1.fma(u, a11);
                        a21 = v2.fma(u, a21);
                        a31 = v3.fma(u, a31);
                        u = FloatVector.fromArray(S, w, w2 + i);
                        a02 = v0.fma(u, a02);
                        a12 = v1.fma(u, a12);
                        a22 = v2.fma(u, a22);
                        a32 = v3.fma(u, a32);
                        u = FloatVector.fromArray(S, w, w3 + i);
                        a03 = v0.fma(u, a03);
                        a13 = v1.fma(u, a13);
                        a23 = v2.fma(u, a23);
                        a33 = v3.fma(u, a33);
                    }
                    int y0 = r * out + o;
                    y[y0] = finish(a00, x, x0, w0, main, o);
                    y[y0 + 1] = finish(a01, x, x0, w1, main, o + 1);
                    y[y0 + 2] = finish(a02, x, x0, w2, main, o + 2);
                    y[y0 + 3] = finish(a03, x, x0, w3, main, o + 3);
                    y0 += out;
                    y[y0] = finish(a10, x, x1, w0, main, o);
                    y[y0 + 1] = finish(a11, x, x1, w1, main, o + 1);
                    y[y0 + 2] = finish(a12, x, x1, w2, main, o + 2);
                    y[y0 + 3] = finish(a13, x, x1, w3, main, o + 3);
                    y0 += out;
                    y[y0] = finish(a20, x, x2, w0, main, o);
                    y[y0 + 1] = finish(a21, x, x2, w1, main, o + 1);
                    y[y0 + 2] = finish(a22, x, x2, w2, main, o + 2);
                    y[y0 + 3] = finish(a23, x, x2, w3, main, o + 3);
                    y0 += out;
                    y[y0] = finish(a30, x, x3, w0, main, o);
                    y[y0 + 1] = finish(a31, x, x3, w1, main, o + 1);
                    y[y0 + 2] = finish(a32, x, x3, w2, main, o + 2);
                    y[y0 + 3] = finish(a33, x, x3, w3, main, o + 3);
                }
                for (; r < rows; r++) {
                    final int x0 = r * in;
                    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
                    for (int i = 0; i < main; i += lanes) {
                        FloatVector v0 = FloatVector.fromArray(S, x, x0 + i);
                        a0 = v0.fma(FloatVector.fromArray(S, w, w0 + i), a0);
                        a1 = v0.fma(FloatVector.fromArray(S, w, w1 + i), a1);
                        a2 = v0.fma(FloatVector.fromArray(S, w, w2 + i), a2);
                        a3 = v0.fma(FloatVector.fromArray(S, w, w3 + i), a3);
                    }
                    int y0 = r * out + o;
                    y[y0] = finish(a0, x, x0, w0, main, o);
                    y[y0 + 1] = finish(a1, x, x0, w1, main, o + 1);
                    y[y0 + 2] = finish(a2, x, x0, w2, main, o + 2);
                    y[y0 + 3] = finish(a3, x, x0, w3, main, o + 3);
                }
            }
            for (; o < out; o++) {
                for (int r = 0; r < rows; r++) {
                    y[r * out + o] = single(x, r * in, o, main, lanes);
                }
            }
        }

        private float single(float[] x, int x0, int o, int main, int lanes) {
            int w0 = o * inDim;
            FloatVector a = FloatVector.zero(S);
            for (int i = 0; i < main; i += lanes) {
                a = FloatVector.fromArray(S, x, x0 + i).fma(FloatVector.fromArray(S, w, w0 + i), a);
            }
            return finish(a, x, x0, w0, main, o);
        }
    }
}
