package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The forward pass against the numpy oracle's fixtures, streaming against batch, short inputs. */
class XvectorNetworkTest {

    private static final String[] STAGES = {"tdnn1", "tdnn2", "tdnn3", "tdnn4", "tdnn5"};
    private static final double TOLERANCE = 1e-5; // measured: ~1e-6 (the brief asked for ~1e-4)

    private final XvectorModel model = TestModels.model();
    private final XvectorNetwork net = model.network();
    private final float[][] input = OracleFixture.load("oracle-input.txt").floats("frames");

    @Test
    void everyStageMatchesTheOracle() {
        OracleFixture o = OracleFixture.load("oracle-n300.txt");
        assertThat(input).hasNumberOfRows(300);
        int context = 0;
        for (int k = 0; k < STAGES.length; k++) {
            float[][] out = net.stageOutputs(input, k);
            int[] ctx = {2, 2, 3, 0, 0};
            context += ctx[k];
            assertThat(out).as(STAGES[k]).hasNumberOfRows(300 - 2 * context);
            double[] rows = o.row(STAGES[k] + ".rows");
            double[][] values = o.get(STAGES[k] + ".values");
            for (int i = 0; i < rows.length; i++) {
                assertThat(OracleFixture.relativeError(out[(int) rows[i]], values[i]))
                        .as("%s row %d", STAGES[k], (int) rows[i]).isLessThan(TOLERANCE);
            }
            double[] colsum = new double[out[0].length];
            for (float[] r : out) {
                for (int c = 0; c < r.length; c++) {
                    colsum[c] += r[c];
                }
            }
            assertThat(OracleFixture.relativeError(colsum, o.row(STAGES[k] + ".colsum"))).as("%s column sums", STAGES[k])
                    .isLessThan(TOLERANCE);
        }
    }

    @Test
    void pooledStatisticsXvectorAndEmbeddingMatchTheOracle() {
        OracleFixture o = OracleFixture.load("oracle-n300.txt");
        PoolingStats stats = net.poolingStats(input);
        assertThat(stats.count()).isEqualTo(300 - 14);
        assertThat(OracleFixture.relativeError(stats.meanAndStddev(net.varianceFloor()), o.row("pooled"))).isLessThan(TOLERANCE);
        float[] xv = net.xvector(input).orElseThrow();
        assertThat(OracleFixture.relativeError(xv, o.row("xvector"))).isLessThan(TOLERANCE);
        float[] emb = model.embed(input).orElseThrow();
        assertThat(OracleFixture.relativeError(emb, o.row("embedding"))).isLessThan(TOLERANCE);
        assertThat(norm(emb)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void shortInputsArePaddedWithTheirEdgeFramesAsKaldiDoes() {
        for (int n : new int[] {1, 10}) {
            OracleFixture o = OracleFixture.load("oracle-n" + n + ".txt");
            float[][] frames = Arrays.copyOf(input, n);
            PoolingStats stats = net.poolingStats(frames);
            assertThat(stats.count()).as("n=%d", n).isEqualTo(XvectorNetwork.KALDI_MIN_CHUNK_SIZE - 14);
            assertThat(OracleFixture.relativeError(net.xvector(frames).orElseThrow(), o.row("xvector"))).as("n=%d", n)
                    .isLessThan(TOLERANCE);
            assertThat(OracleFixture.relativeError(model.embed(frames).orElseThrow(), o.row("embedding"))).as("n=%d", n)
                    .isLessThan(TOLERANCE);
        }
    }

    @Test
    void noFrameGivesNoEmbedding() {
        assertThat(net.xvector(new float[0][]).isEmpty()).isTrue();
        assertThat(model.embed(new float[0][]).isEmpty()).isTrue();
        XvectorNetwork.Stream s = net.newStream();
        assertThat(s.poolingStats().count()).isZero();
        assertThat(s.xvector()).isEmpty();
        assertThat(model.embed(net.newStats())).isEmpty();
    }

    @Test
    void inputsAtTheMinimumAreNotPadded() {
        float[][] frames = Arrays.copyOf(input, XvectorNetwork.KALDI_MIN_CHUNK_SIZE);
        assertThat(net.poolingStats(frames).count()).isEqualTo(XvectorNetwork.KALDI_MIN_CHUNK_SIZE - 14);
        float[][] more = Arrays.copyOf(input, XvectorNetwork.KALDI_MIN_CHUNK_SIZE + 1);
        assertThat(net.poolingStats(more).count()).isEqualTo(XvectorNetwork.KALDI_MIN_CHUNK_SIZE + 1 - 14);
        // 19 frames are padded to 20, and differ from the unpadded 19-frame statistics (5 frames)
        float[][] fewer = Arrays.copyOf(input, XvectorNetwork.KALDI_MIN_CHUNK_SIZE - 1);
        assertThat(net.poolingStats(fewer).count()).isEqualTo(XvectorNetwork.KALDI_MIN_CHUNK_SIZE - 14);
    }

    @Test
    void streamingInAnyBatchingEqualsBatchExactly() {
        float[][] frames = longInput(1000);
        PoolingStats batch = net.poolingStats(frames);
        assertThat(batch.count()).isEqualTo(1000 - 14);

        XvectorNetwork.Stream one = net.newStream();
        for (float[] f : frames) {
            one.accept(f);
        }
        assertSame(one.poolingStats(), batch);

        Random rnd = new Random(7);
        XvectorNetwork.Stream chunks = net.newStream();
        int i = 0;
        while (i < frames.length) {
            int n = Math.min(frames.length - i, 1 + rnd.nextInt(150));
            float[] flat = new float[n * 23];
            for (int k = 0; k < n; k++) {
                System.arraycopy(frames[i + k], 0, flat, k * 23, 23);
            }
            chunks.accept(flat, 0, n);
            i += n;
            if (rnd.nextInt(4) == 0) {
                chunks.flush(); // interim results must not disturb the stream
            }
        }
        assertSame(chunks.poolingStats(), batch);
        assertThat(chunks.xvector().orElseThrow()).containsExactly(net.xvector(frames).orElseThrow());
    }

    @Test
    void streamsInterleavedAcrossThreadsEqualBatch() throws Exception {
        float[][] a = longInput(700);
        float[][] b = Arrays.copyOfRange(longInput(900), 200, 900);
        XvectorNetwork.Stream sa = net.newStream();
        XvectorNetwork.Stream sb = net.newStream();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 700; i += 50) {
                int from = i;
                // each call on whichever pool thread, the two streams alternating (their block buffers are per thread)
                pool.submit(() -> sa.accept(Arrays.copyOfRange(a, from, from + 50))).get();
                pool.submit(() -> sb.accept(Arrays.copyOfRange(b, from, from + 50))).get();
            }
            assertSame(pool.submit(sa::poolingStats).get(), net.poolingStats(a));
            assertSame(sb.poolingStats(), net.poolingStats(b));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void interimResultsEqualTheBatchOfThePrefix() {
        float[][] frames = longInput(400);
        XvectorNetwork.Stream s = net.newStream();
        for (int n = 0; n < frames.length; n++) {
            s.accept(frames[n]);
            if (n == 0 || n == 8 || n == 18 || n == 19 || n == 77 || n == 250) {
                float[][] prefix = Arrays.copyOf(frames, n + 1);
                assertSame(s.poolingStats(), net.poolingStats(prefix));
                assertThat(s.frames()).isEqualTo(n + 1);
            }
        }
        s.reset();
        assertThat(s.poolingStats().count()).isZero();
        s.accept(frames);
        assertSame(s.poolingStats(), net.poolingStats(frames));
    }

    @Test
    void poolingStatisticsAddAndSubtractForWindowsAndEnrollment() {
        float[][] frames = longInput(600);
        XvectorNetwork.Stream s = net.newStream();
        s.accept(Arrays.copyOf(frames, 200));
        PoolingStats at200 = s.poolingStats();
        s.accept(Arrays.copyOfRange(frames, 200, 600));
        PoolingStats all = s.poolingStats();

        PoolingStats window = all.copy().subtract(at200);
        assertThat(window.count()).isEqualTo(all.count() - at200.count());
        PoolingStats back = window.copy().add(at200);
        assertThat(back.count()).isEqualTo(all.count());
        for (int i = 0; i < all.dim(); i++) {
            assertThat(back.sums()[i]).isCloseTo(all.sums()[i], org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(all.sums()[i]))));
        }
        // two calls' statistics pooled give one x-vector, between the two calls' own
        XvectorNetwork.Stream other = net.newStream();
        other.accept(Arrays.copyOfRange(frames, 300, 600));
        PoolingStats enrolled = net.poolingStats(Arrays.copyOf(frames, 300)).add(other.poolingStats());
        assertThat(enrolled.count()).isEqualTo(2 * (300 - 14));
        assertThat(model.embed(enrolled)).isPresent();

        assertThatThrownBy(() -> at200.copy().subtract(all)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> all.add(new PoolingStats(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension 3 (expected: 1500)");
        PoolingStats cleared = all.copy();
        cleared.clear();
        assertThat(cleared.count()).isZero();
        assertThat(PoolingStats.of(all.count(), all.sums(), all.sumsOfSquares()).sums()).containsExactly(all.sums());
    }

    @Test
    void bothMatrixKernelsMatchTheOracleAndStreamExactly() {
        OracleFixture o = OracleFixture.load("oracle-n300.txt");
        Nnet3Model nnet = Nnet3Reader.read(TestModels.rawBytes(), "final.ext.raw");
        for (String mode : Gemm.vectorApiAvailable() ? new String[] {"scalar", "vector"} : new String[] {"scalar"}) {
            XvectorNetwork n = XvectorNetwork.compile(nnet, XvectorNetwork.KALDI_MIN_CHUNK_SIZE, Gemm.choose(mode));
            assertThat(n.kernelName()).startsWith(mode);
            assertThat(OracleFixture.relativeError(n.xvector(input).orElseThrow(), o.row("xvector"))).as(mode)
                    .isLessThan(TOLERANCE);
            float[][] frames = longInput(333);
            XvectorNetwork.Stream s = n.newStream();
            for (float[] f : frames) {
                s.accept(f);
            }
            assertSame(s.poolingStats(), n.poolingStats(frames));
        }
        assertThatThrownBy(() -> Gemm.choose("gpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("voicegate.xvector.gemm: gpu (expected: auto|scalar|vector)");
    }

    @Test
    void badFramesAreRejected() {
        XvectorNetwork.Stream s = net.newStream();
        assertThatThrownBy(() -> s.accept(new float[22])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame has 22 values (expected: 23)");
        assertThatThrownBy(() -> s.accept(new float[46], 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** The fixture's frames, repeated with a small deterministic perturbation to reach {@code n}. */
    private float[][] longInput(int n) {
        Random rnd = new Random(3);
        float[][] f = new float[n][];
        for (int i = 0; i < n; i++) {
            f[i] = input[i % input.length].clone();
            if (i >= input.length) {
                for (int c = 0; c < 23; c++) {
                    f[i][c] += (float) (0.1 * rnd.nextGaussian());
                }
            }
        }
        return f;
    }

    private static void assertSame(PoolingStats a, PoolingStats b) {
        assertThat(a.count()).isEqualTo(b.count());
        assertThat(a.sums()).containsExactly(b.sums());
        assertThat(a.sumsOfSquares()).containsExactly(b.sumsOfSquares());
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
