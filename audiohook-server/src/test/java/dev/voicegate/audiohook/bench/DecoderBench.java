package dev.voicegate.audiohook.bench;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.audio.AudioFrameDecoder;
import dev.voicegate.audiohook.audio.MuLaw;
import dev.voicegate.audiohook.audio.PerSampleDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * CPU cost of decoding one 200 ms frame (from a direct buffer as on the server's event loop):
 * {@link AudioFrameDecoder#decode} (bulk copy + flat table loops) against {@link PerSampleDecoder},
 * the per-byte decoder it replaced. Before timing, it checks that both decode identical samples for
 * every layout it times. A main-class benchmark, not a test:
 * <pre>
 * mvn -B -q -pl audiohook-server test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=dev.voicegate.audiohook.bench.DecoderBench
 * </pre>
 * Prints the median thread CPU time per frame of 9 rounds of 20,000 frames after 10 warm-up rounds.
 */
public final class DecoderBench {

    private static final int FRAMES = 20_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecoderBench() {
    }

    public static void main(String[] args) {
        System.out.printf("%-34s %16s %16s %8s%n", "200 ms frame, direct buffer", "per-sample ns", "shipped ns", "ratio");
        run("stereo PCMU (3,200 bytes)", MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL, Channel.INTERNAL));
        run("mono PCMU (1,600 bytes)", MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL));
        run("stereo L16 (6,400 bytes)", MediaFormat.of(AudioEncoding.L16, Channel.EXTERNAL, Channel.INTERNAL));
    }

    private static void run(String label, MediaFormat format) {
        int bytes = 1600 * format.bytesPerFrame();
        ByteBuffer frame = ByteBuffer.allocateDirect(bytes);
        for (int i = 0; i < bytes; i++) {
            frame.put(i, MuLaw.encode((short) (6000 * Math.sin(i / 7.0))));
        }
        AudioFrameDecoder shipped = new AudioFrameDecoder(format, ByteOrder.LITTLE_ENDIAN);
        PerSampleDecoder before = new PerSampleDecoder(format, ByteOrder.LITTLE_ENDIAN, 1600);
        if (shipped.decode(frame) != before.decode(frame)) {
            throw new AssertionError(label + ": sample counts differ");
        }
        for (int c = 0; c < format.channels().size(); c++) {
            if (!Arrays.equals(shipped.channels()[c], 0, 1600, before.channels()[c], 0, 1600)) {
                throw new AssertionError(label + ": AudioFrameDecoder decodes channel " + c + " differently");
            }
        }
        double perSample = median(() -> before.decode(frame));
        double fast = median(() -> shipped.decode(frame));
        System.out.printf("%-34s %16.0f %16.0f %7.1fx%n", label, perSample, fast, perSample / fast);
    }

    private static double median(java.util.function.IntSupplier op) {
        long sink = 0;
        double[] rounds = new double[19];
        for (int r = 0; r < rounds.length; r++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < FRAMES; i++) {
                sink += op.getAsInt();
            }
            rounds[r] = (THREADS.getCurrentThreadCpuTime() - t0) / (double) FRAMES;
        }
        if (sink == 42) {
            System.out.println();       // keeps the results alive
        }
        double[] measured = Arrays.copyOfRange(rounds, 10, rounds.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }
}
