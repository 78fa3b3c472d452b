package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.voicegate.biometrics.api.FeaturePipeline;
import dev.voicegate.biometrics.api.FrameAccumulator;
import dev.voicegate.biometrics.frontend.WavReader;
import dev.voicegate.biometrics.internal.model.GmmSupervectorExtractor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XvectorExtractorTest {

    private static final XvectorExtractor X = XvectorExtractor.loadDefault();

    private static short[] clip(String speaker, String file) throws URISyntaxException {
        return WavReader.read(Path.of(XvectorExtractorTest.class.getResource("/corpus-mini/" + speaker + "/" + file).toURI()))
                .samples8k();
    }

    /** The pipeline's voiced frames of a clip, in order. */
    private static List<float[]> frames(short[] pcm) {
        List<float[]> out = new ArrayList<>();
        FeaturePipeline p = X.newFeaturePipeline((f, i) -> out.add(f.clone()));
        p.accept(pcm);
        p.finish();
        assertThat(p.framesDelivered()).isEqualTo(out.size());
        return out;
    }

    @Test
    void identityAndContract() {
        assertThat(X.engineId()).isEqualTo("vg-xvec");
        assertThat(X.engineVersion()).isEqualTo(2);
        assertThat(X.dimension()).as("the back end's LDA dimension").isEqualTo(64);
        assertThat(X.heavyAccumulation()).isTrue();
        assertThat(X.scorer()).as("the shipped back end trained on real voices")
                .isInstanceOf(dev.voicegate.biometrics.xvector.backend.BackendScorer.class);
        assertThat(XvectorExtractor.class.getResource(XvectorExtractor.BACKEND_RESOURCE)).isNotNull();
    }

    @Test
    void theEmbeddingIsTheModelsPostProcessedXvectorOfTheVoicedFrames() throws Exception {
        List<float[]> f = frames(clip("e00-esp-m1", "test0-mulaw.wav"));
        FrameAccumulator acc = X.newAccumulator();
        f.forEach(acc::accept);
        float[] expected = X.scorer().project(X.model().embed(f.toArray(float[][]::new)).orElseThrow());
        float[] actual = acc.embedding();
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-6f));
            norm += actual[i] * (double) actual[i];
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void accumulatorsAreAdditiveThroughCopiesAndStatistics() throws Exception {
        List<float[]> f = frames(clip("e03-esp-f1", "enroll-mulaw.wav"));
        int half = f.size() / 2;
        FrameAccumulator whole = X.newAccumulator();
        f.forEach(whole::accept);
        FrameAccumulator first = X.newAccumulator();
        f.subList(0, half).forEach(first::accept);
        FrameAccumulator snapshot = first.copy();
        f.subList(half, f.size()).forEach(first::accept);  // first now streamed everything
        assertThat(first.embedding()).containsExactly(whole.embedding());

        // window = whole − first half (as snapshots), close to the second half on its own (differs by the network's context)
        FrameAccumulator window = whole.copy();
        window.subtract(snapshot);
        FrameAccumulator second = X.newAccumulator();
        f.subList(half, f.size()).forEach(second::accept);
        assertThat(X.rawScore(window.embedding(), second.embedding())).isGreaterThan(0.99);

        // add: two halves' statistics = the snapshot plus the rest
        FrameAccumulator sum = X.newAccumulator();
        sum.add(snapshot);
        sum.add(window);
        assertThat(sum.frames()).isEqualTo(whole.copy().frames());
        assertThat(X.rawScore(sum.embedding(), whole.embedding())).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void misuseGetsClearErrors() throws Exception {
        FrameAccumulator streaming = X.newAccumulator();
        frames(clip("e00-esp-m1", "test0-mulaw.wav")).forEach(streaming::accept);
        assertThatThrownBy(() -> streaming.subtract(X.newAccumulator()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("copy()");
        FrameAccumulator gmm = GmmSupervectorExtractor.loadDefault().newAccumulator();
        assertThatThrownBy(() -> X.newAccumulator().add(gmm))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another extractor");
        assertThatThrownBy(() -> X.newAccumulator().embedding())
                .isInstanceOf(IllegalStateException.class).hasMessage("no frames accumulated");
        assertThatThrownBy(() -> X.newAccumulator().accept(new float[39]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: 23");
    }

    @Test
    void theCosineScorerIsUnitCosineWithAMonotoneCalibration() {
        CosineScorer s = new CosineScorer(3);
        assertThat(s.project(new float[] {3, 0, 4})).containsExactly(0.6f, 0f, 0.8f);
        assertThat(s.rawScore(new float[] {0, 0, 2}, new float[] {0.6f, 0, 0.8f})).isCloseTo(0.8, within(1e-7));
        assertThat(s.rawScore(new float[3], new float[] {1, 0, 0})).isZero();
        assertThat(s.calibrate(CosineScorer.CENTRE)).isCloseTo(0.5, within(1e-12));
        double prev = -1;
        for (double r = -1; r <= 1.0001; r += 0.01) {
            double c = s.calibrate(r);
            assertThat(c).isGreaterThan(prev).isBetween(0.0, 1.0);
            prev = c;
        }
        assertThatThrownBy(() -> s.project(new float[4])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x-vector has 4 values (expected: 3)");
        assertThatThrownBy(() -> new CosineScorer(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRetrainedBackEndGetsItsOwnStableTemplateVersionAndTheShippedFileIsTheDefault(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        byte[] shipped = dev.voicegate.biometrics.xvector.backend.BackendScorer.shippedBytes();
        Path copy = java.nio.file.Files.write(dir.resolve("copy.vgxb"), shipped);
        assertThat(XvectorExtractor.withBackend(copy)).isSameAs(X);
        byte[] other = dev.voicegate.biometrics.xvector.backend.BackendFile.write(
                dev.voicegate.biometrics.xvector.backend.BackendScorer.loadDefault().backend()
                        .withCalibration(new dev.voicegate.biometrics.xvector.backend.ScoreCalibration(9.0, -1.0, 0.5)));
        Path retrained = java.nio.file.Files.write(dir.resolve("retrained.vgxb"), other);
        XvectorExtractor r = XvectorExtractor.withBackend(retrained);
        assertThat(r.engineId()).isEqualTo("vg-xvec");
        assertThat(r.engineVersion()).isEqualTo(XvectorExtractor.backendVersion(other)).isGreaterThan(2)
                .isEqualTo(XvectorExtractor.withBackend(retrained).engineVersion());
        assertThat(r.calibrate(0.5)).isNotEqualTo(X.calibrate(0.5));
        Path junk = java.nio.file.Files.write(dir.resolve("junk.vgxb"), "not a back end".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> XvectorExtractor.withBackend(junk)).hasMessageStartingWith(junk + ": not an x-vector back-end file");
        assertThatThrownBy(() -> XvectorExtractor.withBackend(dir.resolve("missing.vgxb")))
                .hasMessageStartingWith(dir.resolve("missing.vgxb") + ": cannot read");
    }
}
