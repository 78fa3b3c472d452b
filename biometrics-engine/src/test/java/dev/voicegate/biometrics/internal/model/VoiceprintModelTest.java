package dev.voicegate.biometrics.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.voicegate.biometrics.frontend.FeatureNormalizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VoiceprintModelTest {

    private static final VoiceprintModel DEFAULT = VoiceprintModel.loadDefault();

    @Test
    void theCommittedModelFusesBothStreamsIntoOneUnitEmbedding() {
        assertThat(DEFAULT.envelopeWeight()).isGreaterThan(0).isLessThan(1);
        Random r = new Random(3);
        SufficientStats s = new SufficientStats(DEFAULT.ubm());
        EnvelopeStats e = new EnvelopeStats();
        for (int i = 0; i < 400; i++) {
            float[] f = new float[FeatureNormalizer.FRAME_DIM];
            for (int d = 0; d < f.length; d++) {
                f[d] = (float) (d < FeatureNormalizer.DIM ? r.nextGaussian() : 5 + 3 * r.nextGaussian());
            }
            s.accept(f);
            e.accept(f);
        }
        float[] v = DEFAULT.embed(s, e);
        assertThat(v).hasSize(DEFAULT.embeddingDim());
        double norm = 0;
        double envPart = 0;
        int gmmDim = v.length - DEFAULT.envelopeDim();
        assertThat(DEFAULT.envelopeDim()).isPositive();
        for (int i = 0; i < v.length; i++) {
            norm += v[i] * v[i];
            if (i >= gmmDim) {
                envPart += v[i] * v[i];
            }
        }
        assertThat(norm).isCloseTo(1, within(1e-4));
        // The envelope stream's share of the squared norm is its weight β: cosine = (1−β)cos_g + β cos_e.
        assertThat(envPart).isCloseTo(DEFAULT.envelopeWeight(), within(1e-4));
    }

    @Test
    void writeAndReadGiveTheSameModel() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DEFAULT.write(out);
        VoiceprintModel back = VoiceprintModel.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.version()).isEqualTo(DEFAULT.version());
        assertThat(back.embeddingDim()).isEqualTo(DEFAULT.embeddingDim());
        assertThat(back.envelopeWeight()).isEqualTo(DEFAULT.envelopeWeight());
        assertThat(back.calibration()).isEqualTo(DEFAULT.calibration());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        back.write(again);
        assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
    }

    @Test
    void aModelWithoutEnvelopeProjectionIsTheGmmStreamAlone() throws IOException {
        VoiceprintModel gmmOnly = new VoiceprintModel(7, DEFAULT.ubm(), 16, new Projection(new float[64 * 40], new float[3][64 * 40]),
                new Calibration(1, 0));
        assertThat(gmmOnly.embeddingDim()).isEqualTo(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        gmmOnly.write(out);
        VoiceprintModel back = VoiceprintModel.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.embeddingDim()).isEqualTo(3);
        assertThat(back.envelopeWeight()).isZero();
    }

    @Test
    void anEnvelopeWeightOutsideItsRangeIsRefused() {
        Projection p = new Projection(new float[40], new float[2][40]);
        assertThatThrownBy(() -> DEFAULT.withEnvelopeWeight(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("envelope weight 1.0");
        assertThatThrownBy(() -> new VoiceprintModel(1, DEFAULT.ubm(), 16, p, null, 0.3, new Calibration(1, 0)))
                .hasMessageContaining("without an envelope projection");
    }

    @Test
    void somethingThatIsNotAModelIsRefused() {
        assertThatThrownBy(() -> VoiceprintModel.read(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aVersionOneFileWithoutTheEnvelopeFieldsIsStillRead() throws IOException {
        VoiceprintModel gmmOnly = new VoiceprintModel(2, DEFAULT.ubm(), 16, new Projection(new float[64 * 40], new float[3][64 * 40]),
                new Calibration(2, -1));
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        gmmOnly.write(v2);
        // A VGM1 file is a VGM2 file with the other magic and without the trailing envelope fields
        // (weight: double, output dimension: int, mean: 40 floats).
        byte[] raw = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(v2.toByteArray())).readAllBytes();
        byte[] v1 = java.util.Arrays.copyOf(raw, raw.length - (8 + 4 + 4 * EnvelopeStats.DIM));
        java.nio.ByteBuffer.wrap(v1).putInt(0, 0x5647_4D31);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream o = new java.util.zip.GZIPOutputStream(gz)) {
            o.write(v1);
        }
        VoiceprintModel back = VoiceprintModel.read(new ByteArrayInputStream(gz.toByteArray()));
        assertThat(back.version()).isEqualTo(2);
        assertThat(back.embeddingDim()).isEqualTo(3);
        assertThat(back.envelopeWeight()).isZero();
        assertThat(back.calibration()).isEqualTo(new Calibration(2, -1));
    }
}
