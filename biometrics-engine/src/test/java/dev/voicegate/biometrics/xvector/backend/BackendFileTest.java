package dev.voicegate.biometrics.xvector.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackendFileTest {

    static XvectorBackend backend;
    static Map<String, List<float[]>> eval;

    @BeforeAll
    static void train() {
        Synthetic world = new Synthetic(9);
        TrainingSet data = new TrainingSet(world.speakers("t", 120, 6, 10));
        List<float[]> cohort = new ArrayList<>();
        world.speakers("c", 20, 1, 11).values().forEach(cohort::addAll);
        eval = world.speakers("e", 5, 3, 12);
        backend = XvectorBackend.train(data, new XvectorBackend.Config(16, 10, XvectorBackend.Scoring.PLDA))
                .withCohort(cohort, 10)
                .withCalibration(new ScoreCalibration(0.8, -1.5, 0.5));
    }

    @Test
    void roundTripGivesBitIdenticalScores() {
        byte[] bytes = BackendFile.write(backend);
        XvectorBackend back = BackendFile.read(bytes, "test.vgxb");
        assertThat(back.scoring()).isEqualTo(XvectorBackend.Scoring.PLDA);
        assertThat(back.hasCohort()).isTrue();
        assertThat(back.calibration()).contains(new ScoreCalibration(0.8, -1.5, 0.5));
        assertThat(BackendFile.write(back)).isEqualTo(bytes);
        for (List<float[]> a : eval.values()) {
            for (List<float[]> b : eval.values()) {
                XvectorBackend.Enrollment e1 = backend.enroll(a.subList(0, 2));
                XvectorBackend.Enrollment e2 = back.enroll(a.subList(0, 2));
                assertThat(back.score(e2, b.get(2))).isEqualTo(backend.score(e1, b.get(2)));
                assertThat(back.probability(e2, b.get(2))).isEqualTo(backend.probability(e1, b.get(2)));
            }
        }
        // compact: 40·16 + 3·16² + 3·16 + 40 + 20·40 floats, a few header bytes
        assertThat(bytes.length).isLessThan(4 * (40 * 16 + 3 * 16 * 16 + 3 * 16 + 40 + 20 * 40) + 64);
    }

    @Test
    void cosineBackEndWithoutCohortOrCalibrationRoundTrips() {
        XvectorBackend plain = BackendFile.read(BackendFile.write(backend), "x")
                .withScoring(XvectorBackend.Scoring.COSINE);
        XvectorBackend back = BackendFile.read(BackendFile.write(plain), "y");
        assertThat(back.scoring()).isEqualTo(XvectorBackend.Scoring.COSINE);
        assertThat(back.calibration()).isEmpty();
        List<float[]> s = eval.values().iterator().next();
        assertThat(back.score(back.enroll(s.subList(0, 1)), s.get(1)))
                .isEqualTo(plain.score(plain.enroll(s.subList(0, 1)), s.get(1)));
    }

    @Test
    void refusesAWrongMagicNamingTheFile() {
        byte[] bytes = BackendFile.write(backend);
        bytes[0] = 'X';
        assertThatThrownBy(() -> BackendFile.read(bytes, "models/backend.vgxb"))
                .isInstanceOf(BackendFormatException.class)
                .hasMessage("models/backend.vgxb: not an x-vector back-end file (magic 0x58475842, expected: 0x56475842 \"VGXB\")");
    }

    @Test
    void refusesAnotherVersion() {
        byte[] bytes = BackendFile.write(backend);
        bytes[4] = 3;
        assertThatThrownBy(() -> BackendFile.read(bytes, "b")).hasMessage("b: version 3 (expected: 1 or 2)");
    }

    @Test
    void aFusedCosineBackEndRoundTripsAsVersion2AndAnUnfusedOneStaysVersion1() {
        XvectorBackend cos = backend.withScoring(XvectorBackend.Scoring.COSINE).withPlainWeight(0.3)
                .withCalibration(new ScoreCalibration(2, -1, 0.5));
        byte[] bytes = BackendFile.write(cos);
        assertThat(bytes[4]).isEqualTo((byte) 2);
        XvectorBackend back = BackendFile.read(bytes, "f.vgxb");
        assertThat(back.plainWeight()).isEqualTo(0.3);
        assertThat(BackendFile.write(back)).isEqualTo(bytes);
        BackendScorer a = new BackendScorer(cos);
        BackendScorer b = new BackendScorer(back);
        float[] x = eval.values().iterator().next().get(0);
        assertThat(b.project(x)).containsExactly(a.project(x));
        assertThat(BackendFile.write(backend)[4]).isEqualTo((byte) 1);
    }

    @Test
    void refusesAPlainWeightOutsideTheOpenUnitIntervalInAVersion2File() {
        byte[] bytes = BackendFile.write(backend.withScoring(XvectorBackend.Scoring.COSINE).withPlainWeight(0.3));
        java.nio.ByteBuffer.wrap(bytes).putDouble(6, 1.5);
        assertThatThrownBy(() -> BackendFile.read(bytes, "w.vgxb"))
                .hasMessage("w.vgxb: plain x-vector weight 1.5 (expected: 0 < w < 1 in a version 2 file)");
    }

    @Test
    void plainWeightIsForCosineScoringOnlyAndBelowOne() {
        assertThatThrownBy(() -> backend.withPlainWeight(0.2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backend.plainWeight: 0.2 with PLDA scoring (expected: 0; the plain x-vector fuses with "
                        + "cosine scoring only)");
        XvectorBackend cos = backend.withScoring(XvectorBackend.Scoring.COSINE);
        assertThatThrownBy(() -> cos.withPlainWeight(1)).hasMessage("backend.plainWeight: 1.0 (expected: 0 <= w < 1)");
        assertThatThrownBy(() -> cos.withPlainWeight(-0.1)).hasMessage("backend.plainWeight: -0.1 (expected: 0 <= w < 1)");
    }

    @Test
    void refusesEveryTruncation() {
        byte[] bytes = BackendFile.write(backend);
        for (int len : new int[] {0, 3, 5, 9, 14, 100, bytes.length / 2, bytes.length - 5, bytes.length - 1}) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> BackendFile.read(cut, "b")).as("%d bytes", len)
                    .isInstanceOf(BackendFormatException.class)
                    .hasMessageStartingWith("b: ");
        }
        assertThatThrownBy(() -> BackendFile.read(Arrays.copyOf(bytes, bytes.length / 2), "b"))
                .hasMessage("b: truncated (" + bytes.length / 2 + " bytes)");
    }

    @Test
    void refusesAFlippedByteAndTrailingBytes() {
        byte[] bytes = BackendFile.write(backend);
        byte[] flipped = bytes.clone();
        flipped[200] ^= 0x10;
        assertThatThrownBy(() -> BackendFile.read(flipped, "b")).hasMessage("b: checksum mismatch (file is corrupt)");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> BackendFile.read(longer, "b")).hasMessage("b: 3 unexpected bytes after the checksum");
    }

    @Test
    void refusesAbsurdDimensionsBeforeAllocating() {
        byte[] bytes = BackendFile.write(backend);
        bytes[6] = 0x7f; // input dimension's top byte
        assertThatThrownBy(() -> BackendFile.read(bytes, "b")).hasMessageStartingWith("b: input dimension 21307")
                .hasMessageEndingWith("(expected: 1..4096)");
    }
}
