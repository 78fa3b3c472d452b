package dev.voicegate.biometrics.xvector;

import java.util.Locale;

/**
 * Dense affine kernels {@code Y = X Wᵀ + b} over a block of frames. Two implementations: one on the
 * JDK incubator Vector API (used when the {@code jdk.incubator.vector} module is in the boot layer,
 * i.e. the JVM runs with {@code --add-modules jdk.incubator.vector}) and a plain-Java one laid out
 * for HotSpot's auto-vectoriser. {@code -Dvoicegate.xvector.gemm=scalar|vector} forces one.
 *
 * <p>Each output value is computed by the same sequence of operations whatever the number of rows
 * in the block, so results do not depend on how frames are batched (streaming equals batch,
 * bit for bit, within one implementation).
 */
abstract class Gemm {

    /** One affine layer prepared for a kernel; immutable and thread-safe. */
    interface Kernel {
        /**
         * {@code y[r·outDim + o] = bias[o] + Σᵢ x[r·inDim + i] · W[o][i]} for {@code r < rows}.
         */
        void apply(float[] x, int rows, float[] y);

        int inDim();

        int outDim();
    }

    abstract Kernel prepare(Nnet3Component.Affine affine);

    abstract String name();

    private static volatile Gemm selected;

    /** The kernel family for this JVM (chosen once). */
    static Gemm get() {
        Gemm g = selected;
        if (g == null) {
            synchronized (Gemm.class) {
                g = selected;
                if (g == null) {
                    g = choose(System.getProperty("voicegate.xvector.gemm", "auto"));
                    selected = g;
                }
            }
        }
        return g;
    }

    static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    static Gemm choose(String mode) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "scalar":
                return new ScalarGemm();
            case "vector":
                if (!vectorApiAvailable()) {
                    throw new IllegalStateException("voicegate.xvector.gemm=vector but the JVM lacks "
                            + "--add-modules jdk.incubator.vector");
                }
                return newVector();
            case "auto":
                return vectorApiAvailable() ? newVector() : new ScalarGemm();
            default:
                throw new IllegalArgumentException("voicegate.xvector.gemm: " + mode + " (expected: auto|scalar|vector)");
        }
    }

    private static Gemm newVector() {
        try {
            // loaded by name so that this class links without the incubator module
            return (Gemm) Class.forName("dev.voicegate.biometrics.xvector.VectorGemm")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot initialise the Vector API kernels", e);
        }
    }
}
