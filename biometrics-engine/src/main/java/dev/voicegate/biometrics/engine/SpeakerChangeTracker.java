package dev.voicegate.biometrics.engine;

import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.SpeakerChange;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Sliding speaker-change detection: the first {@value #REFERENCE_BLOCKS} blocks of {@value #BLOCK_FRAMES} speech
 * frames (5 s) are the call's reference; after it, every new block closes a {@value #WINDOW_BLOCKS}-block window
 * whose embedding is scored against the reference. Two consecutive windows below the threshold (calibrated
 * score) latch {@code BioSpeakerChanged} at the start of the first of them.
 *
 * <p>It does not accumulate frames itself: it watches the call's whole accumulator and snapshots it
 * ({@link FrameAccumulator#copy()}) at each block boundary, so a window is the difference of two snapshots (the
 * accumulators are additive). One model evaluation per frame for whole call and windows together (for the
 * x-vector, the window statistics include the network's context, a few frames either side). Cost: one snapshot
 * and one embedding per block. Holds {@value #WINDOW_BLOCKS} + 1 snapshots. Not thread-safe.
 */
public final class SpeakerChangeTracker {

    static final int BLOCK_FRAMES = 100;
    static final int REFERENCE_BLOCKS = 5;
    static final int WINDOW_BLOCKS = 4;
    private static final int CONSECUTIVE = 2;

    private final VoiceprintExtractor extractor;
    private final double threshold;
    /** Snapshots at the last WINDOW_BLOCKS + 1 block boundaries after the reference (first: the reference's end). */
    private final ArrayDeque<FrameAccumulator> snapshots = new ArrayDeque<>();
    /** Start frame of each block after the reference, in step with {@code snapshots} minus its first. */
    private final ArrayDeque<Long> blockStarts = new ArrayDeque<>();
    private int inBlock;
    private long currentStart = -1;
    private int referenceBlocks;
    private float[] referenceEmbedding;
    private int lowRun;
    private long firstLowStart;
    private SpeakerChange state = SpeakerChange.NONE;
    private double lastScore = Double.NaN;

    public SpeakerChangeTracker(VoiceprintExtractor extractor, double threshold) {
        this.extractor = extractor;
        this.threshold = threshold;
    }

    /**
     * One speech frame was just added to {@code total}, the call's accumulator.
     *
     * @param frameIndex the frame's index in the call (10 ms frames)
     */
    public void frameAdded(long frameIndex, FrameAccumulator total) {
        if (currentStart < 0) {
            currentStart = frameIndex;
        }
        if (++inBlock >= BLOCK_FRAMES) {
            closeBlock(total);
        }
    }

    private void closeBlock(FrameAccumulator total) {
        long start = currentStart;
        inBlock = 0;
        currentStart = -1;
        if (referenceBlocks < REFERENCE_BLOCKS) {
            if (++referenceBlocks == REFERENCE_BLOCKS) {
                FrameAccumulator ref = total.copy();
                referenceEmbedding = ref.embedding();
                snapshots.addLast(ref);
            }
            return;
        }
        if (state.changed()) {
            return; // latched: nothing more to score
        }
        snapshots.addLast(total.copy());
        blockStarts.addLast(start);
        if (snapshots.size() > WINDOW_BLOCKS + 1) {
            snapshots.removeFirst();
            blockStarts.removeFirst();
        }
        if (snapshots.size() == WINDOW_BLOCKS + 1) {
            FrameAccumulator window = snapshots.peekLast().copy();
            window.subtract(snapshots.peekFirst());
            score(window.embedding());
        }
    }

    private void score(float[] windowEmbedding) {
        lastScore = extractor.calibrate(extractor.rawScore(referenceEmbedding, windowEmbedding));
        if (lastScore < threshold) {
            if (lowRun++ == 0) {
                firstLowStart = blockStarts.peekFirst();
            }
            if (lowRun >= CONSECUTIVE) {
                state = new SpeakerChange(true, Duration.ofMillis(firstLowStart * 10));
            }
        } else {
            lowRun = 0;
        }
    }

    public SpeakerChange state() {
        return state;
    }

    /** Calibrated score of the latest window (NaN before the first window). */
    public double lastScore() {
        return lastScore;
    }
}
