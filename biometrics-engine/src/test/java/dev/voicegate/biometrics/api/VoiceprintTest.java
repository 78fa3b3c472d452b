package dev.voicegate.biometrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VoiceprintTest {

    /** A fake extractor: only its identity matters for template versioning. */
    private record FakeExtractor(String engineId, int engineVersion, int dimension) implements VoiceprintExtractor {
        @Override
        public FrameAccumulator newAccumulator() {
            throw new UnsupportedOperationException();
        }

        @Override
        public double calibrate(double rawScore) {
            return rawScore;
        }
    }

    private static final FakeExtractor V1 = new FakeExtractor("vg-test", 1, 4);

    @Test
    void roundTripsThroughBytesWithin8BitPrecision() {
        Voiceprint v = new Voiceprint("vg-test", 1, 21.5, new float[] {0.5f, -0.25f, 0.125f, 0f});
        byte[] b = v.toBytes();
        assertThat(b).hasSize(26 + 4);
        Voiceprint back = Voiceprint.fromBytes(b, V1);
        assertThat(back.netSpeechSeconds()).isEqualTo(21.5);
        assertThat(back.mean()[1]).isCloseTo(-0.25f, within(0.5f / 127));
    }

    @Test
    void refusesTemplatesOfAnotherVersion() {
        byte[] old = new Voiceprint("vg-test", 1, 10, new float[] {1, 0, 0, 0}).toBytes();
        assertThatThrownBy(() -> Voiceprint.fromBytes(old, new FakeExtractor("vg-test", 2, 4)))
                .isInstanceOf(TemplateVersionException.class)
                .hasMessage("template of engine vg-test v1 refused (expected: vg-test v2; re-enroll to upgrade)");
    }

    @Test
    void refusesTemplatesOfAnotherEngine() {
        byte[] other = new Voiceprint("onnx", 1, 10, new float[] {1, 0, 0, 0}).toBytes();
        assertThatThrownBy(() -> Voiceprint.fromBytes(other, V1)).isInstanceOf(TemplateVersionException.class)
                .hasMessageStartingWith("template of engine onnx v1 refused");
    }

    @Test
    void refusesBytesThatAreNoTemplate() {
        assertThatThrownBy(() -> Voiceprint.fromBytes(new byte[] {1, 2, 3}, V1))
                .isInstanceOf(TemplateVersionException.class).hasMessage("not a VoiceGate template (3 bytes, bad header)");
        byte[] b = new Voiceprint("vg-test", 1, 1, new float[] {1, 0, 0, 0, 0}).toBytes();
        assertThatThrownBy(() -> Voiceprint.fromBytes(b, V1)).hasMessageStartingWith("template dimension 5");
    }

    @Test
    void mergeWeighsBySpeech() {
        Voiceprint a = new Voiceprint("vg-test", 1, 30, new float[] {1, 0, 0, 0});
        Voiceprint b = new Voiceprint("vg-test", 1, 10, new float[] {0, 1, 0, 0});
        Voiceprint m = a.merge(b);
        assertThat(m.netSpeechSeconds()).isEqualTo(40);
        assertThat(m.mean()).containsExactly(0.75f, 0.25f, 0f, 0f);
        assertThatThrownBy(() -> a.merge(new Voiceprint("vg-test", 2, 1, new float[4])))
                .isInstanceOf(TemplateVersionException.class);
    }

    @Test
    void defaultTemplateFitsTheSizeTarget() {
        assertThat(new Voiceprint("vg-gmmsv", 1, 1, new float[200]).toBytes().length).isLessThanOrEqualTo(2048);
    }
}
