package dev.voicegate.audiohook.bench;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.MediaFormat;
import dev.voicegate.audiohook.audio.AudioFrameDecoder;
import dev.voicegate.audiohook.audio.MuLaw;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * CPU cost of decoding one 200 ms stereo PCMU frame (3,200 bytes, from a direct buffer as on the
 * server's event loop): {@link AudioFrameDecoder#decode} as shipped, against a candidate that copies
 * the frame to a reused {@code byte[]} in one bulk get and de-interleaves with a 256-entry table.
 * The profile of {@code AudioHookLoad stream} shows the decoder as the top Java frame; this shows how
 * much a rewrite would save. A main-class benchmark, not a test:
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
        MediaFormat stereo = MediaFormat.of(AudioEncoding.PCMU, Channel.EXTERNAL, Channel.INTERNAL);
        ByteBuffer frame = ByteBuffer.allocateDirect(3200);
        for (int i = 0; i < 3200; i++) {
            frame.put(i, MuLaw.encode((short) (6000 * Math.sin(i / 7.0))));
        }
        AudioFrameDecoder shipped = new AudioFrameDecoder(stereo, java.nio.ByteOrder.LITTLE_ENDIAN);
        Candidate candidate = new Candidate();
        if (shipped.decode(frame) != candidate.decode(frame)
                || !Arrays.equals(shipped.channels()[0], 0, 1600, candidate.out[0], 0, 1600)
                || !Arrays.equals(shipped.channels()[1], 0, 1600, candidate.out[1], 0, 1600)) {
            throw new AssertionError("candidate decodes differently from AudioFrameDecoder");
        }
        System.out.printf("%-44s %14s%n", "stereo PCMU 200 ms frame (3,200 bytes)", "cpu ns/frame");
        System.out.printf("%-44s %14.0f%n", "AudioFrameDecoder.decode (shipped)", median(() -> shipped.decode(frame)));
        System.out.printf("%-44s %14.0f%n", "bulk get + table de-interleave (candidate)", median(() -> candidate.decode(frame)));
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

    /** The candidate: stereo PCMU only, one bulk copy, then a tight table loop per sample pair. */
    private static final class Candidate {
        private static final short[] TABLE = new short[256];

        static {
            for (int i = 0; i < 256; i++) {
                TABLE[i] = MuLaw.decode((byte) i);
            }
        }

        final short[][] out = new short[2][1600];
        private final byte[] bytes = new byte[3200];

        int decode(ByteBuffer frame) {
            int n = frame.remaining();
            frame.get(frame.position(), bytes, 0, n);
            short[] a = out[0];
            short[] b = out[1];
            for (int i = 0, p = 0; p < n; i++, p += 2) {
                a[i] = TABLE[bytes[p] & 0xFF];
                b[i] = TABLE[bytes[p + 1] & 0xFF];
            }
            return n / 2;
        }
    }
}
