package dev.voicegate.biometrics.xvector;

/**
 * The nnet3 component types the x-vector extractor is made of, as read from the model file. Only
 * the parameters inference needs are kept; training-only values (learning rates, natural-gradient
 * ranks, self-repair averages) are read and dropped.
 */
public sealed interface Nnet3Component {

    /** The component's name in the file, e.g. {@code tdnn1.affine}. */
    String name();

    /**
     * {@code NaturalGradientAffineComponent} or {@code AffineComponent}: {@code y = W x + b}.
     *
     * @param linear row-major {@code outputDim × inputDim} weights
     */
    record Affine(String name, int outputDim, int inputDim, float[] linear, float[] bias)
            implements Nnet3Component {
    }

    /** {@code RectifiedLinearComponent}: {@code y = max(x, 0)}. */
    record Relu(String name, int dim) implements Nnet3Component {
    }

    /**
     * {@code BatchNormComponent}. In test mode (what Kaldi's {@code nnet3-xvector-compute} sets)
     * {@code y = (x - mean) · targetRms / sqrt(max(var, 0) + epsilon)}, per dimension of a block.
     */
    record BatchNorm(String name, int dim, int blockDim, float epsilon, float targetRms, float count,
            float[] statsMean, float[] statsVar) implements Nnet3Component {

        /** Test-mode scale per block dimension. */
        public float[] testScale() {
            float[] s = new float[blockDim];
            for (int i = 0; i < blockDim; i++) {
                double var = Math.max(statsVar[i], 0.0);
                s[i] = (float) (targetRms / Math.sqrt(var + epsilon));
            }
            return s;
        }

        /** Test-mode offset per block dimension: {@code -mean · scale}. */
        public float[] testOffset() {
            float[] s = testScale();
            float[] o = new float[blockDim];
            for (int i = 0; i < blockDim; i++) {
                o[i] = -statsMean[i] * s[i];
            }
            return o;
        }
    }

    /** {@code StatisticsExtractionComponent}: per frame {@code [1, x, x²]} (x² if variance is included). */
    record StatisticsExtraction(String name, int inputDim, int inputPeriod, int outputPeriod,
            boolean includeVariance) implements Nnet3Component {
    }

    /**
     * {@code StatisticsPoolingComponent}: averages the extracted statistics over frames
     * {@code t - leftContext … t + rightContext} and, with {@code outputStddevs}, turns the second
     * half into standard deviations with {@code varianceFloor}.
     */
    record StatisticsPooling(String name, int inputDim, int inputPeriod, int leftContext, int rightContext,
            int numLogCountFeatures, boolean outputStddevs, float varianceFloor) implements Nnet3Component {
    }

    /** {@code LogSoftmaxComponent} (the training head; not on the x-vector output's path). */
    record LogSoftmax(String name, int dim) implements Nnet3Component {
    }
}
