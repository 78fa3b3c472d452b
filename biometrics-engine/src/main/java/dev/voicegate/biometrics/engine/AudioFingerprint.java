package dev.voicegate.biometrics.engine;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Robust audio fingerprint for replay detection (after Haitsma &amp; Kalker): one 23-bit
 * sub-fingerprint per 10 ms frame, bit m = sign of the change over time of the energy difference of
 * mel bands m and m+1. A recording played again (through a codec, with noise and a level change)
 * keeps most bits; different speech, even of the same speaker saying the same words, differs in
 * about half. Building is streaming and bounded to {@link #MAX_FRAMES}. Not thread-safe.
 */
public final class AudioFingerprint {

    /** At most 30 s of frames are kept per analysis (12 KB). */
    public static final int MAX_FRAMES = 3000;
    /** Bits per sub-fingerprint. */
    public static final int BITS = 23;
    private static final int MIN_OVERLAP = 100;
    private static final int KEY_MASK = 0xFFFF;

    private final int[] codes = new int[MAX_FRAMES];
    private final float[] prevDiff = new float[BITS];
    private int size;
    private boolean started;
    private boolean havePrev;

    /** Adds one frame's log mel energies (24 bands); frames before the first speech are skipped. */
    public void accept(float[] logMel, boolean speech) {
        started |= speech;
        if (!started || size >= MAX_FRAMES) {
            return;
        }
        int code = 0;
        for (int m = 0; m < BITS; m++) {
            float diff = logMel[m] - logMel[m + 1];
            if (havePrev && diff - prevDiff[m] > 0) {
                code |= 1 << m;
            }
            prevDiff[m] = diff;
        }
        if (havePrev) {
            codes[size++] = code;
        }
        havePrev = true;
    }

    public int frames() {
        return size;
    }

    /** The fingerprint as bytes (4 per frame, big-endian). */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(size * 4);
        for (int i = 0; i < size; i++) {
            b.putInt(codes[i]);
        }
        return b.array();
    }

    /** Decodes {@link #toBytes()}. */
    public static int[] decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int[] out = new int[bytes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt();
        }
        return out;
    }

    /** The codes so far (a copy). */
    public int[] codes() {
        return java.util.Arrays.copyOf(codes, size);
    }

    /**
     * Lowest bit-error rate of {@code probe} against {@code reference} over candidate alignments
     * (offsets voted for by exact matches of the 16 low-band bits); 0.5 ≈ unrelated audio,
     * 1.0 when there is no alignment with enough overlap.
     */
    public static double bitErrorRate(int[] probe, int[] reference) {
        Map<Integer, java.util.List<Integer>> positions = new HashMap<>();
        for (int j = 0; j < reference.length; j++) {
            positions.computeIfAbsent(reference[j] & KEY_MASK, k -> new java.util.ArrayList<>()).add(j);
        }
        Map<Integer, Integer> votes = new HashMap<>();
        for (int i = 0; i < probe.length; i++) {
            java.util.List<Integer> js = positions.get(probe[i] & KEY_MASK);
            if (js != null && js.size() < 20) {
                for (int j : js) {
                    votes.merge(j - i, 1, Integer::sum);
                }
            }
        }
        double best = 1.0;
        int tried = 0;
        for (Map.Entry<Integer, Integer> e : votes.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).toList()) {
            if (e.getValue() < 3 || tried++ >= 5) {
                break;
            }
            best = Math.min(best, berAt(probe, reference, e.getKey()));
        }
        return best;
    }

    private static double berAt(int[] probe, int[] reference, int offset) {
        int from = Math.max(0, -offset);
        int to = Math.min(probe.length, reference.length - offset);
        if (to - from < MIN_OVERLAP) {
            return 1.0;
        }
        long errors = 0;
        for (int i = from; i < to; i++) {
            errors += Integer.bitCount(probe[i] ^ reference[i + offset]);
        }
        return errors / (double) ((to - from) * BITS);
    }
}
