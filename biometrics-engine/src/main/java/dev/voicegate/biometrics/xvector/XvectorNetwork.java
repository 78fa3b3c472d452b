package dev.voicegate.biometrics.xvector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The x-vector network compiled from an {@link Nnet3Model} for inference: frame-level TDNN stages
 * (splice offsets read from the config's {@code Append}/{@code Offset} descriptors, then affine,
 * ReLU and test-mode batch-norm), additive statistics pooling of the last frame-level layer
 * ({@link PoolingStats}), and the segment-level affine that the output node names.
 *
 * <h2>Which frames are pooled (what Kaldi does)</h2>
 * The network never pads: an output of a stage with splice offsets {@code -l … +r} exists only
 * where all its inputs exist, so for {@code N} input frames the pooled frames are {@code t =
 * leftContext … N-1-rightContext} (7 … N-8 for this model), exactly as Kaldi's
 * {@code nnet3-xvector-compute} evaluates them. Only inputs shorter than {@link #minChunkSize()}
 * frames are padded, as {@code nnet3-xvector-compute --pad-input=true} does: {@code (min-N)/2}
 * copies of the first frame before, the rest copies of the last frame after. The default minimum is
 * {@link #KALDI_MIN_CHUNK_SIZE}, the recipe's {@code min_chunk_size}.
 *
 * <p>One deliberate difference: the model file's pooling component ({@code stats-pooling-0-400})
 * pools at most 401 frames, and Kaldi's diarization recipe extracts 1.5 s windows. Here the
 * statistics are pooled over the whole input however long it is (the sums are additive, which is
 * what streaming and multi-call enrollment need); for inputs up to {@code 401 + context} frames
 * the two agree.
 *
 * <p>Immutable and thread-safe; a {@link Stream} is single-threaded.
 */
public final class XvectorNetwork {

    /** Kaldi's {@code min_chunk_size} for this recipe (egs/callhome_diarization run_xvector_1a.sh). */
    public static final int KALDI_MIN_CHUNK_SIZE = 20;

    /** Frames processed per matrix product inside a stream. */
    static final int BLOCK = 64;

    private final String file;
    private final Stage[] stages;
    private final int inputDim;
    private final int statsDim;
    private final int leftContext;
    private final int rightContext;
    private final float varianceFloor;
    private final int poolingRightContext;
    private final Gemm.Kernel output;
    private final int minChunkSize;
    private final Gemm gemm;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private XvectorNetwork(String file, Stage[] stages, int inputDim, float varianceFloor, int poolingRightContext,
            Gemm.Kernel output, int minChunkSize, Gemm gemm) {
        this.file = file;
        this.stages = stages;
        this.inputDim = inputDim;
        this.statsDim = stages[stages.length - 1].outDim;
        int l = 0;
        int r = 0;
        for (Stage s : stages) {
            l += s.left;
            r += s.right;
        }
        this.leftContext = l;
        this.rightContext = r;
        this.varianceFloor = varianceFloor;
        this.poolingRightContext = poolingRightContext;
        this.output = output;
        this.minChunkSize = minChunkSize;
        this.gemm = gemm;
    }

    /** Compiles the network with Kaldi's default minimum chunk ({@value #KALDI_MIN_CHUNK_SIZE} frames). */
    public static XvectorNetwork fromModel(Nnet3Model model) {
        return fromModel(model, KALDI_MIN_CHUNK_SIZE);
    }

    /**
     * Compiles the network from the model's output node {@code output} back to its input node.
     *
     * @throws KaldiFormatException if the graph is not an x-vector network of the supported shape
     */
    public static XvectorNetwork fromModel(Nnet3Model model, int minChunkSize) {
        return compile(model, minChunkSize, Gemm.get());
    }

    static XvectorNetwork compile(Nnet3Model model, int minChunkSize, Gemm gemm) {
        String f = model.file();
        Nnet3Descriptor outDesc = model.outputNodes().get("output");
        if (outDesc == null) {
            throw new KaldiFormatException(f, "no output node named 'output' (found " + model.outputNodes().keySet() + ")");
        }
        // output <- segment-level affine
        Nnet3Model.ComponentNode outNode = componentNode(model, nodeName(f, outDesc, "the output node"));
        Nnet3Component.Affine outAffine = as(model, outNode, Nnet3Component.Affine.class);
        Nnet3Descriptor poolDesc = outNode.input();
        if (poolDesc instanceof Nnet3Descriptor.Round round) {
            poolDesc = round.input();
        }
        Nnet3Model.ComponentNode poolNode = componentNode(model, nodeName(f, poolDesc, outNode.name() + "'s input"));
        Nnet3Component.StatisticsPooling pool = as(model, poolNode, Nnet3Component.StatisticsPooling.class);
        Nnet3Model.ComponentNode extNode = componentNode(model, nodeName(f, poolNode.input(), poolNode.name() + "'s input"));
        Nnet3Component.StatisticsExtraction ext = as(model, extNode, Nnet3Component.StatisticsExtraction.class);
        if (!ext.includeVariance() || ext.inputPeriod() != 1 || ext.outputPeriod() != 1) {
            throw unsupported(f, ext.name() + ": only include-variance=true with periods 1 is supported");
        }
        if (!pool.outputStddevs() || pool.numLogCountFeatures() != 0 || pool.inputPeriod() != 1
                || pool.leftContext() != 0 || pool.inputDim() != 2 * ext.inputDim() + 1) {
            throw unsupported(f, pool.name() + ": only mean+stddev pooling, no log-count features, period 1, "
                    + "left context 0, over the extraction's " + (2 * ext.inputDim() + 1) + " values is supported");
        }
        if (outAffine.inputDim() != 2 * ext.inputDim()) {
            throw unsupported(f, outAffine.name() + " takes " + outAffine.inputDim() + " values, pooling gives "
                    + 2 * ext.inputDim());
        }
        // frame-level chain, walked backwards from the extraction's input
        List<Stage> rev = new ArrayList<>();
        List<Nnet3Component> pendingOps = new ArrayList<>();
        String cur = nodeName(f, extNode.input(), extNode.name() + "'s input");
        int inputDim;
        while (true) {
            Nnet3Model.ComponentNode node = componentNode(model, cur);
            Nnet3Component comp = model.components().get(node.component());
            Splice sp = splice(f, node);
            if (comp instanceof Nnet3Component.Relu || comp instanceof Nnet3Component.BatchNorm) {
                if (sp.offsets.length != 1 || sp.offsets[0] != 0) {
                    throw unsupported(f, node.name() + ": an element-wise component with spliced input");
                }
                pendingOps.add(0, comp);
                cur = sp.source;
                continue;
            }
            if (!(comp instanceof Nnet3Component.Affine affine)) {
                throw unsupported(f, node.name() + " (" + comp.getClass().getSimpleName() + ") in the frame-level part");
            }
            rev.add(0, new Stage(affine, sp.offsets, List.copyOf(pendingOps), gemm, f));
            pendingOps.clear();
            if (model.inputNodes().containsKey(sp.source)) {
                inputDim = model.inputNodes().get(sp.source);
                break;
            }
            cur = sp.source;
        }
        if (!pendingOps.isEmpty()) {
            throw unsupported(f, "element-wise components applied directly to the input");
        }
        Stage[] stages = rev.toArray(new Stage[0]);
        int dim = inputDim;
        for (Stage s : stages) {
            if (s.inDim != dim) {
                throw unsupported(f, s.name + " expects " + s.inDim + "-dim input, gets " + dim);
            }
            dim = s.outDim;
        }
        if (dim != ext.inputDim()) {
            throw unsupported(f, ext.name() + " expects " + ext.inputDim() + " values, the last layer gives " + dim);
        }
        if (minChunkSize < 1) {
            throw new IllegalArgumentException("minChunkSize: " + minChunkSize + " (expected: >= 1)");
        }
        XvectorNetwork net = new XvectorNetwork(f, stages, inputDim, pool.varianceFloor(), pool.rightContext(),
                gemm.prepare(outAffine), minChunkSize, gemm);
        if (minChunkSize <= net.leftContext + net.rightContext) {
            throw new IllegalArgumentException("minChunkSize: " + minChunkSize + " (expected: > the model context "
                    + (net.leftContext + net.rightContext) + ")");
        }
        return net;
    }

    private record Splice(String source, int[] offsets) {
    }

    /** A node's input as (source node, offsets): a name, Offset(name, t), or Append of those on one source. */
    private static Splice splice(String f, Nnet3Model.ComponentNode node) {
        List<Nnet3Descriptor> parts = node.input() instanceof Nnet3Descriptor.Append a ? a.parts() : List.of(node.input());
        String source = null;
        int[] offsets = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            Nnet3Descriptor p = parts.get(i);
            String name;
            if (p instanceof Nnet3Descriptor.Node n) {
                name = n.name();
                offsets[i] = 0;
            } else if (p instanceof Nnet3Descriptor.Offset o && o.input() instanceof Nnet3Descriptor.Node n) {
                name = n.name();
                offsets[i] = o.offset();
            } else {
                throw unsupported(f, node.name() + ": input descriptor " + p + " (expected a node or Offset(node, t))");
            }
            if (source != null && !source.equals(name)) {
                throw unsupported(f, node.name() + ": Append over different nodes (" + source + ", " + name + ")");
            }
            source = name;
        }
        return new Splice(source, offsets);
    }

    private static String nodeName(String f, Nnet3Descriptor d, String what) {
        if (d instanceof Nnet3Descriptor.Node n) {
            return n.name();
        }
        throw unsupported(f, what + " is " + d + " (expected a plain node name)");
    }

    private static Nnet3Model.ComponentNode componentNode(Nnet3Model m, String name) {
        Nnet3Model.ComponentNode n = m.componentNodes().get(name);
        if (n == null) {
            throw unsupported(m.file(), "node '" + name + "' is not a component node");
        }
        return n;
    }

    private static <T extends Nnet3Component> T as(Nnet3Model m, Nnet3Model.ComponentNode node, Class<T> type) {
        Nnet3Component c = m.components().get(node.component());
        if (!type.isInstance(c)) {
            throw unsupported(m.file(), "node '" + node.name() + "' has " + c.getClass().getSimpleName()
                    + " where " + type.getSimpleName() + " was expected");
        }
        return type.cast(c);
    }

    private static KaldiFormatException unsupported(String f, String problem) {
        return new KaldiFormatException(f, "not a supported x-vector network: " + problem);
    }

    // ---------------------------------------------------------------- accessors

    /** Feature dimension of an input frame (23). */
    public int inputDim() {
        return inputDim;
    }

    /** Dimension of the pooled layer (1500); {@link PoolingStats#dim()}. */
    public int statsDim() {
        return statsDim;
    }

    /** Dimension of the raw x-vector (128). */
    public int xvectorDim() {
        return output.outDim();
    }

    /** Frames of left context the frame-level part needs (7). */
    public int leftContext() {
        return leftContext;
    }

    /** Frames of right context the frame-level part needs (7). */
    public int rightContext() {
        return rightContext;
    }

    /** Inputs shorter than this are padded by repeating their edge frames. */
    public int minChunkSize() {
        return minChunkSize;
    }

    /** The pooling component's variance floor. */
    public float varianceFloor() {
        return varianceFloor;
    }

    /** The pooling window the model file states (400); not applied, see the class comment. */
    public int poolingRightContextInFile() {
        return poolingRightContext;
    }

    /** The splice offsets of each frame-level stage, in order. */
    public List<int[]> spliceOffsets() {
        List<int[]> l = new ArrayList<>();
        for (Stage s : stages) {
            l.add(s.offsets.clone());
        }
        return l;
    }

    /** Names of the frame-level stages' affine components, in order. */
    public List<String> stageNames() {
        List<String> l = new ArrayList<>();
        for (Stage s : stages) {
            l.add(s.name);
        }
        return l;
    }

    /** The matrix kernel in use ({@code vector-512}, {@code scalar}, …). */
    public String kernelName() {
        return gemm.name();
    }

    // ---------------------------------------------------------------- batch API

    /** Empty statistics of the right dimension. */
    public PoolingStats newStats() {
        return new PoolingStats(statsDim);
    }

    /** A new stream (one per utterance/call). */
    public Stream newStream() {
        return new Stream();
    }

    /**
     * Pooling statistics of an utterance: its frames through the frame-level part, short inputs
     * padded as Kaldi does; empty statistics for 0 frames.
     *
     * @param frames normalised, voiced feature frames, each {@link #inputDim()} values
     */
    public PoolingStats poolingStats(float[][] frames) {
        Stream s = newStream();
        s.accept(frames);
        return s.poolingStats();
    }

    /** The raw x-vector (the output node's value) of an utterance; empty for 0 frames. */
    public Optional<float[]> xvector(float[][] frames) {
        return xvector(poolingStats(frames));
    }

    /** The raw x-vector from pooled statistics; empty when they hold no frame. */
    public Optional<float[]> xvector(PoolingStats stats) {
        if (stats.dim() != statsDim) {
            throw new IllegalArgumentException("stats dimension " + stats.dim() + " (expected: " + statsDim + ")");
        }
        if (stats.count() == 0) {
            return Optional.empty();
        }
        float[] pooled = stats.meanAndStddev(varianceFloor);
        float[] y = new float[output.outDim()];
        output.apply(pooled, 1, y);
        return Optional.of(y);
    }

    /**
     * The output of frame-level stage {@code stage} (0-based; after its ReLU and batch-norm) for
     * every frame where it exists without padding: row {@code k} is time {@code k + context to
     * that stage}. For checking against a reference implementation.
     */
    public float[][] stageOutputs(float[][] frames, int stage) {
        if (stage < 0 || stage >= stages.length) {
            throw new IllegalArgumentException("stage: " + stage + " (expected: 0.." + (stages.length - 1) + ")");
        }
        float[] x = flatten(frames, inputDim);
        int rows = frames.length;
        for (int k = 0; k <= stage; k++) {
            Stage s = stages[k];
            int m = Math.max(0, rows - s.ctx);
            float[] spliced = new float[m * s.splicedDim];
            s.splice(x, m, spliced);
            float[] y = new float[m * s.outDim];
            s.forward(spliced, m, y);
            x = y;
            rows = m;
        }
        float[][] out = new float[rows][stages[stage].outDim];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * out[r].length, out[r], 0, out[r].length);
        }
        return out;
    }

    private static float[] flatten(float[][] frames, int dim) {
        float[] x = new float[frames.length * dim];
        for (int r = 0; r < frames.length; r++) {
            if (frames[r].length != dim) {
                throw new IllegalArgumentException("frame " + r + " has " + frames[r].length + " values (expected: " + dim + ")");
            }
            System.arraycopy(frames[r], 0, x, r * dim, dim);
        }
        return x;
    }

    // ---------------------------------------------------------------- stages

    /** One frame-level layer: splice, affine, then element-wise ReLU / batch-norm in order. */
    private static final class Stage {
        final String name;
        final int[] offsets;
        final int left;
        final int right;
        final int ctx;
        final int inDim;
        final int splicedDim;
        final int outDim;
        final Gemm.Kernel kernel;
        final boolean identitySplice;
        /** Per op: null scale = ReLU; otherwise batch-norm scale/offset of length blockDim. */
        final float[][] scales;
        final float[][] offsetsBn;

        Stage(Nnet3Component.Affine affine, int[] offsets, List<Nnet3Component> ops, Gemm gemm, String file) {
            this.name = affine.name();
            this.offsets = offsets.clone();
            int min = Arrays.stream(offsets).min().orElseThrow();
            int max = Arrays.stream(offsets).max().orElseThrow();
            if (min > 0 || max < 0) {
                throw unsupported(file, name + ": splice offsets " + Arrays.toString(offsets) + " must include the present frame's range");
            }
            this.left = -min;
            this.right = max;
            this.ctx = left + right;
            if (affine.inputDim() % offsets.length != 0) {
                throw unsupported(file, name + ": " + affine.inputDim() + " inputs for " + offsets.length + " spliced frames");
            }
            this.inDim = affine.inputDim() / offsets.length;
            this.splicedDim = affine.inputDim();
            this.outDim = affine.outputDim();
            this.kernel = gemm.prepare(affine);
            this.identitySplice = offsets.length == 1 && offsets[0] == 0;
            this.scales = new float[ops.size()][];
            this.offsetsBn = new float[ops.size()][];
            for (int i = 0; i < ops.size(); i++) {
                Nnet3Component op = ops.get(i);
                if (op instanceof Nnet3Component.BatchNorm bn) {
                    if (bn.dim() != outDim) {
                        throw unsupported(file, bn.name() + ": dim " + bn.dim() + " after " + outDim + " outputs");
                    }
                    scales[i] = bn.testScale();
                    offsetsBn[i] = bn.testOffset();
                } else if (op instanceof Nnet3Component.Relu relu && relu.dim() != outDim) {
                    throw unsupported(file, relu.name() + ": dim " + relu.dim() + " after " + outDim + " outputs");
                }
            }
        }

        /** Splices {@code m} output rows' inputs from {@code x} (rows 0..m+ctx-1) into {@code out}. */
        void splice(float[] x, int m, float[] out) {
            int k = offsets.length;
            for (int t = 0; t < m; t++) {
                int dst = t * splicedDim;
                for (int j = 0; j < k; j++) {
                    System.arraycopy(x, (t + left + offsets[j]) * inDim, out, dst + j * inDim, inDim);
                }
            }
        }

        /** Affine then the element-wise ops on {@code m} spliced rows. */
        void forward(float[] spliced, int m, float[] y) {
            kernel.apply(spliced, m, y);
            for (int op = 0; op < scales.length; op++) {
                float[] sc = scales[op];
                int n = m * outDim;
                if (sc == null) {
                    for (int i = 0; i < n; i++) {
                        y[i] = Math.max(y[i], 0f);
                    }
                } else {
                    float[] of = offsetsBn[op];
                    int block = sc.length;
                    for (int r = 0; r < n; r += block) {
                        for (int j = 0; j < block; j++) {
                            y[r + j] = y[r + j] * sc[j] + of[j];
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- streaming

    /** One thread's block buffers: each stage's input (context + block), spliced input and output. */
    private final class Scratch {
        final float[][] in = new float[stages.length][];
        final float[][] spliced = new float[stages.length][];
        final float[][] out = new float[stages.length][];

        Scratch() {
            for (int k = 0; k < stages.length; k++) {
                Stage s = stages[k];
                in[k] = new float[(s.ctx + BLOCK) * s.inDim];
                spliced[k] = s.identitySplice ? null : new float[BLOCK * s.splicedDim];
                out[k] = new float[BLOCK * s.outDim];
            }
        }
    }

    /**
     * Incremental extraction for one utterance. Frames go in one at a time or in batches; each
     * stage keeps only the rows its splice still needs (its context), frames are pushed through in
     * blocks of {@value XvectorNetwork#BLOCK}, and the last layer's outputs are added to
     * {@link PoolingStats}. The result equals the batch computation over the frames accepted so
     * far, at any point: the first and last {@link #leftContext()}/{@link #rightContext()} frames
     * serve only as context, as in Kaldi, so nothing needs doing at the right edge beyond the
     * pending block (which {@link #poolingStats()} and {@link #flush()} push through). Inputs
     * still shorter than {@link #minChunkSize()} are evaluated padded, from a copy of their frames.
     *
     * <p>Memory held between calls: the stages' context rows, up to 64 pending frames, the statistics and
     * the first {@link #minChunkSize()} frames: about 53 KB for this model, so 1,000 paused streams hold
     * about 53 MB. The block buffers (about 2.3 MB) are per thread, shared by all streams of the network
     * that thread runs. Not thread-safe; successive calls may come from different threads.
     */
    public final class Stream {

        /** Per stage, the last rows of its input that later outputs still need (at most its context). */
        private final float[][] tail = new float[stages.length][];
        private final int[] tailRows = new int[stages.length];
        private final float[] pending = new float[BLOCK * inputDim];
        private int pendingRows;
        private final PoolingStats stats = new PoolingStats(statsDim);
        private final float[] head = new float[minChunkSize * inputDim];
        private long frames;

        private Stream() {
            for (int k = 0; k < stages.length; k++) {
                tail[k] = new float[stages[k].ctx * stages[k].inDim];
            }
        }

        /** Frames accepted so far. */
        public long frames() {
            return frames;
        }

        /** Accepts one frame of {@link #inputDim()} values (copied). */
        public void accept(float[] frame) {
            if (frame.length != inputDim) {
                throw new IllegalArgumentException("frame has " + frame.length + " values (expected: " + inputDim + ")");
            }
            acceptRow(frame, 0);
        }

        /** Accepts frames in order. */
        public void accept(float[][] batch) {
            for (float[] f : batch) {
                accept(f);
            }
        }

        /** Accepts {@code count} frames stored row-major from {@code offset} in {@code data}. */
        public void accept(float[] data, int offset, int count) {
            if (count < 0 || offset < 0 || offset + (long) count * inputDim > data.length) {
                throw new IndexOutOfBoundsException("offset " + offset + ", " + count + " frames of " + inputDim
                        + " in " + data.length + " values");
            }
            for (int i = 0; i < count; i++) {
                acceptRow(data, offset + i * inputDim);
            }
        }

        private void acceptRow(float[] src, int off) {
            if (frames < minChunkSize) {
                System.arraycopy(src, off, head, (int) frames * inputDim, inputDim);
            }
            frames++;
            System.arraycopy(src, off, pending, pendingRows * inputDim, inputDim);
            if (++pendingRows == BLOCK) {
                flush();
            }
        }

        /** Pushes the pending frames through every stage now (otherwise done every 64 frames). */
        public void flush() {
            if (pendingRows == 0) {
                return;
            }
            Scratch sc = scratch.get();
            float[] incoming = pending;
            int inRows = pendingRows;
            pendingRows = 0;
            for (int k = 0; k < stages.length; k++) {
                Stage s = stages[k];
                float[] x;
                int total;
                if (s.ctx == 0) {
                    x = incoming;
                    total = inRows;
                } else {
                    x = sc.in[k];
                    int t = tailRows[k];
                    System.arraycopy(tail[k], 0, x, 0, t * s.inDim);
                    System.arraycopy(incoming, 0, x, t * s.inDim, inRows * s.inDim);
                    total = t + inRows;
                }
                int m = total - s.ctx;
                if (m <= 0) {
                    // still warming up: everything so far is context
                    System.arraycopy(x, 0, tail[k], 0, total * s.inDim);
                    tailRows[k] = total;
                    return;
                }
                float[] in;
                if (s.identitySplice) {
                    in = x;
                } else {
                    s.splice(x, m, sc.spliced[k]);
                    in = sc.spliced[k];
                }
                float[] y = sc.out[k];
                s.forward(in, m, y);
                System.arraycopy(x, m * s.inDim, tail[k], 0, s.ctx * s.inDim);
                tailRows[k] = s.ctx;
                incoming = y;
                inRows = m;
            }
            stats.addRows(incoming, inRows);
        }

        /**
         * The statistics so far (a copy): the frames' own for {@code frames() >= minChunkSize()},
         * those of the padded input below that, empty for no frame.
         */
        public PoolingStats poolingStats() {
            if (frames == 0) {
                return new PoolingStats(statsDim);
            }
            if (frames < minChunkSize) {
                return paddedStats();
            }
            flush();
            return stats.copy();
        }

        /** The raw x-vector of the frames so far; empty for no frame. */
        public Optional<float[]> xvector() {
            return XvectorNetwork.this.xvector(poolingStats());
        }

        /** Forgets everything; the stream can be reused for a new utterance. */
        public void reset() {
            Arrays.fill(tailRows, 0);
            pendingRows = 0;
            stats.clear();
            frames = 0;
        }

        private PoolingStats paddedStats() {
            int n = (int) frames;
            int leftPad = (minChunkSize - n) / 2;
            Stream inner = new Stream();
            float[] first = Arrays.copyOfRange(head, 0, inputDim);
            float[] last = Arrays.copyOfRange(head, (n - 1) * inputDim, n * inputDim);
            for (int i = 0; i < leftPad; i++) {
                inner.acceptRow(first, 0);
            }
            inner.accept(head, 0, n);
            for (int i = leftPad + n; i < minChunkSize; i++) {
                inner.acceptRow(last, 0);
            }
            inner.flush();
            return inner.stats.copy();
        }
    }

    @Override
    public String toString() {
        return "XvectorNetwork[" + file + ", stages=" + stageNames() + ", context=-" + leftContext + "/+" + rightContext
                + ", kernel=" + kernelName() + "]";
    }
}
