package dev.voicegate.biometrics.xvector.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.biometrics.internal.eval.DetMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped back end on real voices: x-vectors of a few TRAIN-split speakers of the real-speech corpus (one per
 * actor group; fixture {@code real-train-xvectors.tsv}, made by {@code corpus/real/make_xvector_fixture.py}).
 * These speakers helped train the back end, so this checks the shipped file and the scorer, not generalisation
 * (that is the real-speech evaluation, docs/engine.md).
 */
class BackendScorerTest {

    record Vec(String speaker, String group, String unit, String condition, float[] x) {
    }

    static BackendScorer scorer;
    static List<Vec> fixture;

    @BeforeAll
    static void load() throws IOException {
        scorer = BackendScorer.loadDefault();
        fixture = new ArrayList<>();
        try (InputStream in = BackendScorerTest.class.getResourceAsStream("/dev/voicegate/biometrics/xvector/real-train-xvectors.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                String[] xs = f[4].split(",");
                float[] x = new float[xs.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Float.parseFloat(xs[i]);
                }
                fixture.add(new Vec(f[0], f[1], f[2], f[3], x));
            }
        }
    }

    /** Trials of one condition: speakers with ≥ 3 units enroll on their first 2, tested on the rest and on every other speaker. */
    static double[][] trials(String enrollCond, String testCond) {
        Map<String, List<Vec>> by = new TreeMap<>();
        fixture.forEach(v -> by.computeIfAbsent(v.speaker(), k -> new ArrayList<>()).add(v));
        List<Double> raw = new ArrayList<>();
        List<Double> label = new ArrayList<>();
        for (Map.Entry<String, List<Vec>> e : by.entrySet()) {
            List<Vec> enroll = e.getValue().stream().filter(v -> v.condition().equals(enrollCond)).toList();
            if (enroll.size() < 3) {
                continue;
            }
            float[] template = Vectors.mean(List.of(scorer.project(enroll.get(0).x()), scorer.project(enroll.get(1).x())));
            for (Map.Entry<String, List<Vec>> t : by.entrySet()) {
                boolean target = t.getKey().equals(e.getKey());
                for (Vec v : t.getValue()) {
                    if (!v.condition().equals(testCond) || (target && (v.unit().equals(enroll.get(0).unit())
                            || v.unit().equals(enroll.get(1).unit())))) {
                        continue;
                    }
                    raw.add(scorer.rawScore(template, scorer.project(v.x())));
                    label.add(target ? 1.0 : 0.0);
                }
            }
        }
        return new double[][] {raw.stream().mapToDouble(Double::doubleValue).toArray(),
                label.stream().mapToDouble(Double::doubleValue).toArray()};
    }

    static double[] pick(double[][] t, boolean target) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < t[0].length; i++) {
            if ((t[1][i] == 1) == target) {
                out.add(t[0][i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void fixtureHoldsSeveralRealSpeakersOfDifferentGroups() {
        assertThat(fixture.stream().map(Vec::group).distinct().count()).isGreaterThanOrEqualTo(4);
        assertThat(fixture.stream().map(Vec::speaker).distinct().count()).isGreaterThanOrEqualTo(4);
        assertThat(fixture).allSatisfy(v -> assertThat(v.x()).hasSize(128));
    }

    @Test
    void sameSpeakerScoresAboveDifferentSpeakerOnRealVoices() {
        for (String[] c : new String[][] {{"clean", "clean"}, {"telephone", "telephone"}, {"clean", "telephone"}}) {
            double[][] t = trials(c[0], c[1]);
            double[] tar = pick(t, true);
            double[] non = pick(t, false);
            assertThat(tar.length).as("targets " + Arrays.toString(c)).isGreaterThanOrEqualTo(3);
            assertThat(non.length).as("non-targets " + Arrays.toString(c)).isGreaterThanOrEqualTo(20);
            assertThat(Arrays.stream(tar).average().orElseThrow()).as("mean target vs mean non-target " + Arrays.toString(c))
                    .isGreaterThan(Arrays.stream(non).average().orElseThrow());
            assertThat(new DetMetrics(tar, non).eer()).as("EER " + Arrays.toString(c)).isLessThan(0.15);
        }
    }

    @Test
    void calibrationIsMonotonicOnRealSpeechTrialsAndSeparatesThem() {
        double[][] t = trials("clean", "telephone");
        Integer[] order = new Integer[t[0].length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(t[0][a], t[0][b]));
        double prev = -1;
        for (int i : order) {
            double p = scorer.calibrate(t[0][i]);
            assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(prev);
            prev = p;
        }
        double lo = t[0][order[0]];
        double hi = t[0][order[order.length - 1]];
        assertThat(scorer.calibrate(hi)).isGreaterThan(scorer.calibrate(lo));
        double[] tar = Arrays.stream(pick(t, true)).map(scorer::calibrate).toArray();
        double[] non = Arrays.stream(pick(t, false)).map(scorer::calibrate).toArray();
        assertThat(Arrays.stream(tar).average().orElseThrow()).isGreaterThan(0.5);
        assertThat(Arrays.stream(non).average().orElseThrow()).isLessThan(0.5);
    }

    @Test
    void projectionIsUnitLengthAndSelfScoreIsMaximal() {
        float[] x = fixture.get(0).x();
        float[] p = scorer.project(x);
        assertThat(p).hasSize(scorer.dimension());
        assertThat(Vectors.norm(p)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        double self = scorer.rawScore(p, p);
        for (Vec v : fixture) {
            assertThat(scorer.rawScore(p, scorer.project(v.x()))).isLessThanOrEqualTo(self + 1e-9);
        }
        assertThatThrownBy(() -> scorer.project(new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: 128");
    }

    @Test
    void fusedScoreIsTheWeightedSumOfBackEndAndPlainCosinesInOneDotProduct() {
        BackendScorer alone = BackendScorer.uncalibrated(scorer.backend().withPlainWeight(0));
        BackendScorer fused = BackendScorer.uncalibrated(scorer.backend().withPlainWeight(0.4));
        assertThat(fused.dimension()).isEqualTo(alone.dimension() + 128);
        assertThat(fused.id()).isEqualTo(alone.id() + "+plain");
        for (int i = 0; i + 1 < Math.min(fixture.size(), 40); i += 2) {
            float[] x = fixture.get(i).x();
            float[] y = fixture.get(i + 1).x();
            float[] px = fused.project(x);
            assertThat(Vectors.norm(px)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            double expected = 0.6 * alone.rawScore(alone.project(x), alone.project(y)) + 0.4 * Vectors.cosine(x, y);
            assertThat(fused.rawScore(px, fused.project(y))).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void corruptOrTruncatedFileIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] good;
        try (InputStream in = BackendScorer.class.getResourceAsStream(BackendScorer.RESOURCE)) {
            good = in.readAllBytes();
        }
        Path ok = dir.resolve("ok.vgxb");
        Files.write(ok, good);
        assertThat(BackendScorer.load(ok).id()).isEqualTo(scorer.id());

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40;
        Path bad = dir.resolve("flipped.vgxb");
        Files.write(bad, flipped);
        assertThatThrownBy(() -> BackendScorer.load(bad)).isInstanceOf(BackendFormatException.class)
                .hasMessageContaining("flipped.vgxb").hasMessageContaining("checksum mismatch");

        Path cut = dir.resolve("cut.vgxb");
        Files.write(cut, Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> BackendScorer.load(cut)).isInstanceOf(BackendFormatException.class)
                .hasMessageContaining("cut.vgxb").hasMessageContaining("truncated");

        Path missing = dir.resolve("none.vgxb");
        assertThatThrownBy(() -> BackendScorer.load(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("none.vgxb");
    }

    @Test
    void backEndWithoutCalibrationIsRefused() {
        XvectorBackend uncal = BackendFile.read(BackendFile.write(scorer.backend()), "x").withScoring(scorer.backend().scoring());
        assertThatThrownBy(() -> BackendScorer.fromBytes(BackendFile.write(uncal), "uncal.vgxb"))
                .isInstanceOf(BackendFormatException.class).hasMessageContaining("uncal.vgxb")
                .hasMessageContaining("no score calibration");
    }
}
