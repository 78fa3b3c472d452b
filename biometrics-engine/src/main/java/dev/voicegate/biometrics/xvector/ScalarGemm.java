package dev.voicegate.biometrics.xvector;

/**
 * Plain-Java affine kernel: weights kept transposed ({@code inDim × outDim}) so that the inner
 * loop is an {@code y[o] += x · w[o]} update over contiguous arrays, which C2 vectorises; four
 * frames share each weight row.
 */
final class ScalarGemm extends Gemm {

    @Override
    Kernel prepare(Nnet3Component.Affine a) {
        int in = a.inputDim();
        int out = a.outputDim();
        float[] wt = new float[in * out];
        float[] w = a.linear();
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                wt[i * out + o] = w[o * in + i];
            }
        }
        return new K(wt, a.bias().clone(), in, out);
    }

    @Override
    String name() {
        return "scalar";
    }

    private record K(float[] wt, float[] bias, int inDim, int outDim) implements Kernel {

        @Override
        public void apply(float[] x, int rows, float[] y) {
            int in = inDim;
            int out = outDim;
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                int y0 = r * out;
                int y1 = y0 + out;
                int y2 = y1 + out;
                int y3 = y2 + out;
                for (int o = 0; o < out; o++) {
                    y[y0 + o] = 0f;
                    y[y1 + o] = 0f;
                    y[y2 + o] = 0f;
                    y[y3 + o] = 0f;
                }
                int x0 = r * in;
                for (int i = 0; i < in; i++) {
                    float a0 = x[x0 + i];
                    float a1 = x[x0 + in + i];
                    float a2 = x[x0 + 2 * in + i];
                    float a3 = x[x0 + 3 * in + i];
                    int wo = i * out;
                    for (int o = 0; o < out; o++) {
                        float w = wt[wo + o];
                        y[y0 + o] += a0 * w;
                        y[y1 + o] += a1 * w;
                        y[y2 + o] += a2 * w;
                        y[y3 + o] += a3 * w;
                    }
                }
                for (int o = 0; o < out; o++) {
                    y[y0 + o] += bias[o];
                    y[y1 + o] += bias[o];
                    y[y2 + o] += bias[o];
                    y[y3 + o] += bias[o];
                }
            }
            for (; r < rows; r++) {
                int y0 = r * out;
                int x0 = r * in;
                for (int o = 0; o < out; o++) {
                    y[y0 + o] = 0f;
                }
                for (int i = 0; i < in; i++) {
                    float a0 = x[x0 + i];
                    int wo = i * out;
                    for (int o = 0; o < out; o++) {
                        y[y0 + o] += a0 * wt[wo + o];
                    }
                }
                for (int o = 0; o < out; o++) {
                    y[y0 + o] += bias[o];
                }
            }
        }
    }
}
