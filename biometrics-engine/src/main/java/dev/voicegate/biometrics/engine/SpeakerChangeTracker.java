package dev.voicegate.biometrics.engine;

import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.api.SpeakerChange;
import dev.voicegate.biometrics.api.VoiceprintExtractor;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Sliding speaker-change detection: the first {@value #REFERENCE_BLOCKS} s of net speech are the
 * call's reference; after it, every new second of speech closes a {@value #WINDOW_BLOCKS} s window
 * whose embedding is scored against the reference. Two consecutive windows below the threshold
 * (calibrated score) latch {@code BioSpeakerChanged} at the start of the first of them. Cost: one
 * embedding per second of speech. Not thread-safe.
 */
public final class SpeakerChangeTracker {

    static final int BLOCK_FRAMES = 100;
    static final int REFERENCE_BLOCKS = 5;
    static final int WINDOW_BLOCKS = 4;
    private static final int CONSECUTIVE = 2;

    private final VoiceprintExtractor extractor;
    private final double threshold;
    private final FrameAccumulator reference;
    private final FrameAccumulator window;
    private final ArrayDeque<FrameAccumulator> blocks = new ArrayDeque<>();
    private final ArrayDeque<Long> blockStarts = new ArrayDeque<>();
    private FrameAccumulator current;
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
        this.reference = extractor.newAccumulator();
        this.window = extractor.newAccumulator();
        this.current = extractor.newAccumulator();
    }

    /** One normalised speech frame. */
    public void accept(float[] features, long frameIndex) {
        if (currentStart < 0) {
            currentStart = frameIndex;
        }
        current.accept(features);
        if (current.frames() >= BLOCK_FRAMES) {
            closeBlock();
        }
    }

    private void closeBlock() {
        if (referenceBlocks < REFERENCE_BLOCKS) {
            reference.add(current);
            current.clear();
            currentStart = -1;
            if (++referenceBlocks == REFERENCE_BLOCKS) {
                referenceEmbedding = reference.embedding();
            }
            return;
        }
        blocks.addLast(current);
        blockStarts.addLast(currentStart);
        window.add(current);
        if (blocks.size() > WINDOW_BLOCKS) {
            window.subtract(blocks.removeFirst());
            blockStarts.removeFirst();
        }
        current = extractor.newAccumulator();
        currentStart = -1;
        if (blocks.size() == WINDOW_BLOCKS && !state.changed()) {
            score();
        }
    }

    private void score() {
        lastScore = extractor.calibrate(extractor.rawScore(referenceEmbedding, window.embedding()));
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
