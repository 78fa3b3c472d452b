package dev.voicegate.biometrics.xvector;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * x-vector network speed (not a unit test): real-time factor of the frame-level network plus
 * pooling and the embedding, on one thread, for each matrix kernel this JVM can run, in batch
 * (all frames at once) and streaming (one frame per call, an interim embedding every second).
 * Run on the test classpath with the Vector API module (see docs/benchmarks.md, "x-vector network"):
 * <pre>
 * mvn -B -q -pl biometrics-engine -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * cd biometrics-engine &amp;&amp; java --add-modules jdk.incubator.vector \
 *     -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) dev.voicegate.biometrics.xvector.XvectorBench 30 7
 * </pre>
 * (arguments: seconds of speech per run, runs; the first 3 runs are warm-up). RTF = compute time /
 * audio time at 100 frames per second; the median over runs is reported, both as this thread's CPU
 * time (what one dedicated core would need) and as wall-clock time (inflated when the machine is
 * shared).
 */
public final class XvectorBench {

    private XvectorBench() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        XvectorModel model = XvectorModel.loadDefault();
        Nnet3Model nnet = Nnet3Reader.read(TestModels.rawBytes(), "final.ext.raw");
        float[][] frames = frames(seconds * 100);
        System.out.printf("x-vector bench: %d s of frames per run, %d runs (3 warm-up), Java %s, vector module %s%n",
                seconds, runs, System.getProperty("java.version"), Gemm.vectorApiAvailable() ? "present" : "absent");
        String[] modes = Gemm.vectorApiAvailable() ? new String[] {"vector", "scalar"} : new String[] {"scalar"};
        for (String mode : modes) {
            XvectorNetwork net = XvectorNetwork.compile(nnet, XvectorNetwork.KALDI_MIN_CHUNK_SIZE, Gemm.choose(mode));
            double[] batch = median(runs, () -> model.postProcess(net.xvector(frames).orElseThrow()), frames.length);
            double[] stream = median(runs, () -> {
                XvectorNetwork.Stream s = net.newStream();
                for (int i = 0; i < frames.length; i++) {
                    s.accept(frames[i]);
                    if (i % 100 == 99) {
                        model.postProcess(s.xvector().orElseThrow());
                    }
                }
                return model.postProcess(s.xvector().orElseThrow());
            }, frames.length);
            double flop = 2.0 * macsPerFrame(net) * 100;
            System.out.printf("  kernel %-10s batch: RTF %.4f cpu / %.4f wall (%.0fx real time, %.1f GFLOP/s of network)%n",
                    net.kernelName(), batch[0], batch[1], 1 / batch[0], flop / batch[0] / 1e9);
            System.out.printf("  kernel %-10s streaming, one frame per call, interim embedding every 1 s: RTF %.4f cpu / %.4f wall%n",
                    net.kernelName(), stream[0], stream[1]);
        }
        pipeline(model, seconds, runs);
        pausedStreams(model, 1000);
    }

    /** Heap held by {@code n} paused streams, each having taken 3 s of frames (one 64-frame block pending). */
    private static void pausedStreams(XvectorModel model, int n) {
        float[][] frames = frames(300 + 37);
        Runtime rt = Runtime.getRuntime();
        XvectorNetwork.Stream[] held = new XvectorNetwork.Stream[n];
        long before = usedAfterGc(rt);
        for (int i = 0; i < n; i++) {
            held[i] = model.network().newStream();
            held[i].accept(frames);
        }
        long after = usedAfterGc(rt);
        System.out.printf("  %d paused streams hold %.1f MB of heap (%.1f KB each)%n", n, (after - before) / 1e6,
                (after - before) / 1e3 / n);
        if (held[n - 1].frames() != frames.length) {
            throw new IllegalStateException();
        }
    }

    private static long usedAfterGc(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Whole pipeline on a recording: 8 kHz PCM in 20 ms chunks → {@link XvectorFrontEnd} (MFCC, sliding CMN,
     * VAD) → voiced frames into a network stream, an interim embedding every 100 voiced frames, the final one
     * at the end. The front end's espeak-ng clip repeated to the requested length; RTF against the audio time.
     */
    private static void pipeline(XvectorModel model, int seconds, int runs) {
        short[] clip = Fixtures.clip();
        short[] pcm = new short[seconds * 8000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = clip[i % clip.length];
        }
        int frames = pcm.length / 80;
        double[] fe = median(runs, () -> {
            long[] n = {0};
            XvectorFrontEnd f = new XvectorFrontEnd(8000, (x, i, v) -> n[0] += v ? 1 : 0);
            for (int off = 0; off < pcm.length; off += 160) {
                f.accept(pcm, off, Math.min(160, pcm.length - off));
            }
            f.finish();
            return new float[] {n[0]};
        }, frames);
        double[] all = median(runs, () -> {
            XvectorNetwork.Stream s = model.network().newStream();
            float[][] last = {null};
            XvectorFrontEnd f = new XvectorFrontEnd(8000, (x, i, v) -> {
                if (v) {
                    s.accept(x);
                    if (s.frames() % 100 == 0) {
                        last[0] = model.embed(s.poolingStats()).orElseThrow();
                    }
                }
            });
            for (int off = 0; off < pcm.length; off += 160) {
                f.accept(pcm, off, Math.min(160, pcm.length - off));
            }
            f.finish();
            return model.embed(s.poolingStats()).orElseThrow();
        }, frames);
        System.out.printf("  pipeline (%s): front end alone RTF %.4f cpu / %.4f wall; wav -> embedding with interim results RTF %.4f cpu / %.4f wall%n",
                model.network().kernelName(), fe[0], fe[1], all[0], all[1]);
    }

    private static double macsPerFrame(XvectorNetwork net) {
        // from the stage shapes: spliced input × output per frame
        long macs = 0;
        int dim = net.inputDim();
        int[] outs = {512, 512, 512, 512, 1500};
        int k = 0;
        for (int[] offs : net.spliceOffsets()) {
            macs += (long) offs.length * dim * outs[k];
            dim = outs[k++];
        }
        return macs;
    }

    private interface Job {
        float[] run();
    }

    /** Median {cpu RTF, wall RTF}. */
    private static double[] median(int runs, Job job, int frames) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[runs];
        double[] wall = new double[runs];
        float sink = 0;
        double audio = frames / 100.0;
        for (int r = 0; r < runs + 3; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sink += job.run()[0];
            if (r >= 3) {
                cpu[r - 3] = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / audio;
                wall[r - 3] = (System.nanoTime() - t0) / 1e9 / audio;
            }
        }
        if (Float.isNaN(sink)) {
            System.out.println("(NaN)");
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        return new double[] {cpu[runs / 2], wall[runs / 2]};
    }

    /** The oracle fixture's voiced frames, repeated with noise to the requested length. */
    private static float[][] frames(int n) {
        float[][] base = OracleFixture.load("oracle-input.txt").floats("frames");
        Random rnd = new Random(11);
        float[][] f = new float[n][];
        for (int i = 0; i < n; i++) {
            f[i] = base[i % base.length].clone();
            for (int c = 0; c < f[i].length; c++) {
                f[i][c] += (float) (0.2 * rnd.nextGaussian());
            }
        }
        return f;
    }
}
