package dev.voicegate.biometrics.xvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XvectorModelTest {

    @Test
    void shippedModelLoadsWithItsChecksumsAndItsFeatureConfig() {
        XvectorModel m = XvectorModel.loadDefault();
        assertThat(m.embeddingDim()).isEqualTo(128);
        assertThat(m.mfccConf()).contains("--sample-frequency=8000").contains("--num-ceps=23");
        assertThat(XvectorModel.loadDefault()).isSameAs(m);
        for (Map.Entry<String, String> e : XvectorModel.SHIPPED_SHA256.entrySet()) {
            assertThat(XvectorModel.sha256(TestModels.resource(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void aChangedModelFileFailsTheChecksum() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String n : XvectorModel.SHIPPED_SHA256.keySet()) {
            files.put(n, TestModels.resource(n));
        }
        byte[] raw = files.get("final.ext.raw").clone();
        raw[raw.length / 2] ^= 1;
        files.put("final.ext.raw", raw);
        assertThatThrownBy(() -> XvectorModel.fromVerifiedBytes(files, XvectorModel.SHIPPED_SHA256, "classpath:/x/"))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessageStartingWith("classpath:/x/final.ext.raw: SHA-256 mismatch: ")
                .hasMessageContaining("(expected: d30354474ac719b3");
    }

    @Test
    void loadsFromAFolderAndRejectsAMeanOfTheWrongSize(@TempDir Path dir) throws Exception {
        for (String n : XvectorModel.SHIPPED_SHA256.keySet()) {
            Files.write(dir.resolve(n), TestModels.resource(n));
        }
        float[][] frames = OracleFixture.load("oracle-input.txt").floats("frames");
        assertThat(XvectorModel.load(dir).embed(frames).orElseThrow())
                .containsExactly(XvectorModel.loadDefault().embed(frames).orElseThrow());

        Files.writeString(dir.resolve("mean.vec"), " [ 1 2 3 ]\n");
        assertThatThrownBy(() -> XvectorModel.load(dir)).isInstanceOf(KaldiFormatException.class)
                .hasMessage(dir + "/mean.vec: has 3 values (expected: 128)");
    }

    @Test
    void postProcessingSubtractsTheMeanWhitensAndNormalises() {
        XvectorModel m = XvectorModel.loadDefault();
        float[] mean = KaldiObjects.readVector(TestModels.resource("mean.vec"), "mean.vec");
        // the mean itself maps to zero; zero stays zero rather than dividing by it
        assertThat(m.postProcess(mean)).containsOnly(0f);
        float[] x = mean.clone();
        x[5] += 1f;
        float[][] t = KaldiObjects.readMatrix(TestModels.resource("transform.mat"), "transform.mat");
        float[] y = m.postProcess(x);
        double n = 0;
        for (float[] row : t) {
            n += row[5] * row[5];
        }
        for (int r = 0; r < 128; r++) {
            assertThat((double) y[r]).isCloseTo(t[r][5] / Math.sqrt(n), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThatThrownBy(() -> m.postProcess(new float[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vectorAndMatrixReadersGiveClearErrors() {
        float[] mean = KaldiObjects.readVector(TestModels.resource("mean.vec"), "mean.vec");
        assertThat(mean).hasSize(128);
        assertThat(mean[0]).isEqualTo(4.450152f);
        float[][] t = KaldiObjects.readMatrix(TestModels.resource("transform.mat"), "transform.mat");
        assertThat(t).hasNumberOfRows(128);
        assertThat(t[0]).hasSize(128);

        byte[] tm = TestModels.resource("transform.mat");
        assertThatThrownBy(() -> KaldiObjects.readMatrix(java.util.Arrays.copyOf(tm, 1000), "transform.mat"))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessageStartingWith("transform.mat: truncated: file ends inside matrix (needs 65536 bytes of data");
        assertThatThrownBy(() -> KaldiObjects.readMatrix("hello".getBytes(StandardCharsets.US_ASCII), "t.mat"))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessage("t.mat: wrong magic: not a Kaldi matrix (expected the binary header \\0B or a text '[')");
        assertThatThrownBy(() -> KaldiObjects.readVector(" [ 1 2 x ]".getBytes(StandardCharsets.US_ASCII), "m.vec"))
                .isInstanceOf(KaldiFormatException.class).hasMessage("m.vec: not a number: 'x'");
        assertThatThrownBy(() -> KaldiObjects.readVector(" [ 1 2 3".getBytes(StandardCharsets.US_ASCII), "m.vec"))
                .isInstanceOf(KaldiFormatException.class).hasMessage("m.vec: truncated: the vector has no closing ']'");
        assertThatThrownBy(() -> KaldiObjects.readMatrix(" [ 1 2\n 3 ]".getBytes(StandardCharsets.US_ASCII), "m.mat"))
                .isInstanceOf(KaldiFormatException.class).hasMessage("m.mat: ragged matrix: rows of 2 and 1 values");
        assertThatThrownBy(() -> KaldiObjects.readVector(TestModels.resource("transform.mat"), "transform.mat"))
                .isInstanceOf(KaldiFormatException.class)
                .hasMessageStartingWith("transform.mat: vector: expected a vector (FV or DV), found 'FM'");
    }
}
