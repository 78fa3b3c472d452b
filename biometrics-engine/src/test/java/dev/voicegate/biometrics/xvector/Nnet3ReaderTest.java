package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Nnet3ReaderTest {

    private static final String NAME = "final.ext.raw";

    @Test
    void readsEveryComponentAndTheConfigOfTheShippedModel() {
        Nnet3Model m = Nnet3Reader.read(TestModels.rawBytes(), NAME);

        assertThat(m.components()).hasSize(22);
        assertThat(m.inputNodes()).containsEntry("input", 23);
        assertThat(m.outputNodes()).containsEntry("output", new Nnet3Descriptor.Node("tdnn6.affine"));
        Nnet3Component.Affine a1 = (Nnet3Component.Affine) m.components().get("tdnn1.affine");
        assertThat(a1.outputDim()).isEqualTo(512);
        assertThat(a1.inputDim()).isEqualTo(115);
        assertThat(a1.linear()).hasSize(512 * 115);
        assertThat(a1.bias()).hasSize(512);
        assertThat(m.components().get("tdnn5.relu")).isEqualTo(new Nnet3Component.Relu("tdnn5.relu", 1500));
        Nnet3Component.BatchNorm bn = (Nnet3Component.BatchNorm) m.components().get("tdnn3.batchnorm");
        assertThat(bn.dim()).isEqualTo(512);
        assertThat(bn.epsilon()).isEqualTo(0.001f);
        assertThat(bn.targetRms()).isEqualTo(1f);
        for (float v : bn.statsVar()) {
            assertThat(v).isPositive();
        }
        assertThat(m.components().get("stats-extraction-0-400")).isEqualTo(
                new Nnet3Component.StatisticsExtraction("stats-extraction-0-400", 1500, 1, 1, true));
        assertThat(m.components().get("stats-pooling-0-400")).isEqualTo(
                new Nnet3Component.StatisticsPooling("stats-pooling-0-400", 3001, 1, 0, 400, 0, true, 1.0e-10f));
        assertThat(m.components().get("output.log-softmax")).isEqualTo(new Nnet3Component.LogSoftmax("output.log-softmax", 5164));
        // first weight as stored (bytes 3e 01 90 bd after "FM" and the two sizes)
        assertThat(a1.linear()[0]).isEqualTo(Float.intBitsToFloat(0xbd90013e));

        Nnet3Model.ComponentNode n2 = m.componentNodes().get("tdnn2.affine");
        assertThat(n2.input()).isEqualTo(new Nnet3Descriptor.Append(List.of(
                new Nnet3Descriptor.Offset(new Nnet3Descriptor.Node("tdnn1.batchnorm"), -2),
                new Nnet3Descriptor.Node("tdnn1.batchnorm"),
                new Nnet3Descriptor.Offset(new Nnet3Descriptor.Node("tdnn1.batchnorm"), 2))));
        assertThat(m.componentNodes().get("tdnn6.affine").input()).isEqualTo(
                new Nnet3Descriptor.Round(new Nnet3Descriptor.Node("stats-pooling-0-400"), 1));
    }

    @Test
    void compilesTheSpliceOffsetsFromTheConfig() {
        XvectorNetwork net = XvectorNetwork.fromModel(Nnet3Reader.read(TestModels.rawBytes(), NAME));

        assertThat(net.stageNames()).containsExactly("tdnn1.affine", "tdnn2.affine", "tdnn3.affine", "tdnn4.affine", "tdnn5.affine");
        assertThat(net.spliceOffsets()).containsExactly(new int[] {-2, -1, 0, 1, 2}, new int[] {-2, 0, 2},
                new int[] {-3, 0, 3}, new int[] {0}, new int[] {0});
        assertThat(net.leftContext()).isEqualTo(7);
        assertThat(net.rightContext()).isEqualTo(7);
        assertThat(net.inputDim()).isEqualTo(23);
        assertThat(net.statsDim()).isEqualTo(1500);
        assertThat(net.xvectorDim()).isEqualTo(128);
        assertThat(net.varianceFloor()).isEqualTo(1.0e-10f);
        assertThat(net.poolingRightContextInFile()).isEqualTo(400);
    }

    @Test
    void changedSpliceOffsetsInTheConfigChangeTheNetwork() {
        byte[] b = replaceFirst(TestModels.rawBytes(), "Append(Offset(tdnn2.batchnorm, -3), tdnn2.batchnorm, Offset(tdnn2.batchnorm, 3))",
                "Append(Offset(tdnn2.batchnorm, -4), tdnn2.batchnorm, Offset(tdnn2.batchnorm, 1))");
        XvectorNetwork net = XvectorNetwork.fromModel(Nnet3Reader.read(b, NAME));

        assertThat(net.spliceOffsets().get(2)).containsExactly(-4, 0, 1);
        assertThat(net.leftContext()).isEqualTo(8);
        assertThat(net.rightContext()).isEqualTo(5);
    }

    @Test
    void truncatedFileIsOneClearError() {
        byte[] good = TestModels.rawBytes();
        String s = new String(good, StandardCharsets.ISO_8859_1);
        int[] cuts = {1, 10, s.indexOf("<NumComponents>") - 30, s.indexOf("<NumComponents>") + 17,
            s.indexOf("<LinearParams>") + 5000, s.indexOf("<ComponentName> tdnn3.batchnorm"),
            s.indexOf("</StatisticsPoolingComponent>") + 3, good.length - 9, good.length - 1};
        for (int cut : cuts) {
            byte[] t = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> Nnet3Reader.read(t, NAME))
                    .as("cut at %d", cut)
                    .isInstanceOf(KaldiFormatException.class)
                    .hasMessageStartingWith(NAME + ": ")
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("truncated", "wrong magic"));
        }
    }

    @Test
    void truncationInsideAMatrixSaysWhichOne() {
        byte[] good = TestModels.rawBytes();
        int at = new String(good, StandardCharsets.ISO_8859_1).indexOf("<ComponentName> tdnn2.affine") + 4000;
        assertThatThrownBy(() -> Nnet3Reader.read(Arrays.copyOf(good, at), NAME))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("tdnn2.affine <LinearParams>");
    }

    @Test
    void wrongMagicIsOneClearError() {
        byte[] good = TestModels.rawBytes();
        byte[] text = good.clone();
        text[0] = '<';
        text[1] = 'N';
        assertThatThrownBy(() -> Nnet3Reader.read(text, NAME))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessage(NAME + ": wrong magic: not a Kaldi binary nnet3 model (expected the bytes \\0B at the start)");

        byte[] other = replaceFirst(good, "<Nnet3>", "<Nnet2>");
        assertThatThrownBy(() -> Nnet3Reader.read(other, NAME))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessage(NAME + ": wrong magic: expected <Nnet3> after the binary header, found '<Nnet2>'");

        assertThatThrownBy(() -> Nnet3Reader.read(TestModels.resource("transform.mat"), "transform.mat"))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessageContaining("transform.mat: wrong magic");
        assertThatThrownBy(() -> Nnet3Reader.read(new byte[0], NAME))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessageContaining("wrong magic");
    }

    @Test
    void unknownComponentTypeIsNamed() {
        byte[] b = replaceFirst(TestModels.rawBytes(), "<RectifiedLinearComponent>", "<SigmoidComponent>");
        assertThatThrownBy(() -> Nnet3Reader.read(b, NAME))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessageStartingWith(NAME + ": unknown component type <SigmoidComponent> for component 'tdnn1.relu'");
    }

    @Test
    void missingFieldAndUnsupportedDescriptorAreNamed() {
        byte[] noBias = replaceFirst(TestModels.rawBytes(), "<BiasParams>", "<BiasParamz>");
        assertThatThrownBy(() -> Nnet3Reader.read(noBias, NAME))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessage(NAME + ": component 'tdnn1.affine' (<NaturalGradientAffineComponent>): missing <BiasParams>");

        byte[] sum = replaceFirst(TestModels.rawBytes(), "input=tdnn3.batchnorm", "input=Sum(tdnn3.batchnorm, tdnn3.relu)");
        assertThatThrownBy(() -> Nnet3Reader.read(sum, NAME))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessageStartingWith(NAME + ": bad config line (unsupported descriptor 'Sum(…)'");
    }

    @Test
    void aNetworkOfAnotherShapeIsRejectedWhenCompiled() {
        byte[] b = replaceFirst(TestModels.rawBytes(), "output-node name=output input=tdnn6.affine",
                "output-node name=output input=tdnn6.relu  ");
        Nnet3Model m = Nnet3Reader.read(b, NAME);
        assertThatThrownBy(() -> XvectorNetwork.fromModel(m))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessageStartingWith(NAME + ": not a supported x-vector network: node 'tdnn6.relu' has Relu where Affine was expected");
    }

    static byte[] replaceFirst(byte[] data, String from, String to) {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        int i = s.indexOf(from);
        if (i < 0) {
            throw new IllegalArgumentException("not found: " + from);
        }
        return (s.substring(0, i) + to + s.substring(i + from.length())).getBytes(StandardCharsets.ISO_8859_1);
    }
}
