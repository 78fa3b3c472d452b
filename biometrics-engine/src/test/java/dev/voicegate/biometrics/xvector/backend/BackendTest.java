package dev.voicegate.biometrics.xvector.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.voicegate.biometrics.internal.eval.DetMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackendTest {

    static Synthetic world;
    static TrainingSet train;
    static Map<String, List<float[]>> eval;

    @BeforeAll
    static void data() {
        world = new Synthetic(1);
        train = new TrainingSet(world.speakers("train", 300, 8, 2));
        eval = world.speakers("eval", 80, 5, 3);
    }

    /** Scores a test vector against an enrollment built once from that speaker's first sessions. */
    interface Scorer {
        java.util.function.Function<float[], Double> enroll(List<float[]> sessions);
    }

    /** EER over all (enrollment = first {@code enrolSessions} sessions, test = the last session) pairs. */
    static double eer(Scorer scorer, int enrolSessions) {
        List<Double> tar = new ArrayList<>();
        List<Double> non = new ArrayList<>();
        for (Map.Entry<String, List<float[]>> e : eval.entrySet()) {
            java.util.function.Function<float[], Double> model = scorer.enroll(e.getValue().subList(0, enrolSessions));
            for (Map.Entry<String, List<float[]>> t : eval.entrySet()) {
                float[] test = t.getValue().get(4);
                (e.getKey().equals(t.getKey()) ? tar : non).add(model.apply(test));
            }
        }
        return new DetMetrics(tar.stream().mapToDouble(Double::doubleValue).toArray(),
                non.stream().mapToDouble(Double::doubleValue).toArray()).eer();
    }

    static Scorer backend(XvectorBackend b) {
        return sessions -> {
            XvectorBackend.Enrollment e = b.enroll(sessions);
            return test -> b.score(e, test);
        };
    }

    @Test
    void ldaWccnCosineAndPldaSeparateSpeakersFarBetterThanRawCosine() {
        double raw = eer(sessions -> test -> Vectors.cosine(Vectors.mean(sessions), test), 1);
        XvectorBackend cosine = XvectorBackend.train(train, new XvectorBackend.Config(20, 10, XvectorBackend.Scoring.COSINE));
        XvectorBackend plda = cosine.withScoring(XvectorBackend.Scoring.PLDA);
        double lda = eer(backend(cosine), 1);
        double p = eer(backend(plda), 1);
        System.out.printf("synthetic EER: raw cosine %.4f, LDA+WCCN cosine %.4f, PLDA %.4f%n", raw, lda, p);
        assertThat(raw).isGreaterThan(0.10);
        assertThat(lda).isLessThan(raw / 3);
        assertThat(p).isLessThan(raw / 3);
    }

    @Test
    void multiSessionEnrollmentHelpsPlda() {
        XvectorBackend plda = XvectorBackend.train(train, new XvectorBackend.Config(20, 10, XvectorBackend.Scoring.PLDA));
        double one = eer(backend(plda), 1);
        double four = eer(backend(plda), 4);
        assertThat(four).isLessThan(one);
    }

    @Test
    void pldaFindsTheSpeakerRankAndWhitensTheWithinSpeakerCovariance() {
        Plda plda = Plda.train(train, Plda.DEFAULT_EM_ITERATIONS);
        float[] psi = plda.psi();
        for (int i = 1; i < psi.length; i++) {
            assertThat(psi[i]).isLessThanOrEqualTo(psi[i - 1]);
        }
        // rank-10 speaker factor: ten large between-speaker variances, then almost nothing
        assertThat(psi[Synthetic.SPEAKER_RANK - 1]).isGreaterThan(5 * psi[Synthetic.SPEAKER_RANK]);
        // PLDA's W is the model's session covariance; around each speaker's sample mean of 8 sessions the scatter
        // is smaller by (n - 1) / n = 7/8
        double[] within = withinCovarianceDiagonal(train, x -> toFloat(plda.transformNoNorm(x)));
        assertAllNear(within, 7.0 / 8, 0.1);
        assertThat(java.util.Arrays.stream(within).average().orElseThrow()).isCloseTo(7.0 / 8, within(0.03));
    }

    @Test
    void ldaAndWccnOutputsHaveUnitWithinSpeakerCovariance() {
        AffineTransform lda = Lda.train(train, 15);
        assertThat(lda.outDim()).isEqualTo(15);
        assertAllNear(withinCovarianceDiagonal(train, lda::apply), 1.0, 1e-6);
        TrainingSet projected = train.map(v -> Vectors.lengthNormalise(lda.apply(v)));
        AffineTransform wccn = Wccn.train(projected);
        assertAllNear(withinCovarianceDiagonal(projected, wccn::apply), 1.0, 1e-6);
        assertThatThrownBy(() -> Lda.train(train, 41)).hasMessage("lda dimension: 41 (expected: 1..40 for 40-dimensional vectors of 300 speakers)");
    }

    @Test
    void asNormUsesTheTopCohortScoresOfBothSides() {
        AsNorm.CohortStats e = AsNorm.topN(new double[] {0, 5, 1, 3, -2}, 2); // top 2: 5, 3 → mean 4, std 1
        assertThat(e.mean()).isEqualTo(4.0);
        assertThat(e.std()).isEqualTo(1.0);
        AsNorm.CohortStats t = AsNorm.topN(new double[] {2, 0}, 10); // capped at 2: mean 1, std 1
        assertThat(AsNorm.normalise(6, e, t)).isEqualTo(0.5 * ((6 - 4) / 1.0 + (6 - 1) / 1.0));
        assertThatThrownBy(() -> AsNorm.topN(new double[] {1, 2}, 1)).hasMessage("as-norm topN: 1 (expected: >= 2)");

        XvectorBackend plda = XvectorBackend.train(train, new XvectorBackend.Config(20, 10, XvectorBackend.Scoring.PLDA));
        List<float[]> cohort = new ArrayList<>();
        world.speakers("cohort", 100, 1, 4).values().forEach(cohort::addAll);
        XvectorBackend normed = plda.withCohort(cohort, 30);
        double before = eer(backend(plda), 1);
        double after = eer(backend(normed), 1);
        System.out.printf("synthetic EER: PLDA %.4f, PLDA + AS-Norm %.4f%n", before, after);
        assertThat(after).isLessThan(before * 1.2 + 0.005);
    }

    static double[] withinCovarianceDiagonal(TrainingSet data, java.util.function.Function<float[], float[]> f) {
        double[] acc = null;
        int n = 0;
        for (List<float[]> vs : data.bySpeaker().values()) {
            List<float[]> ys = vs.stream().map(f).toList();
            float[] m = Vectors.mean(ys);
            for (float[] y : ys) {
                if (acc == null) {
                    acc = new double[y.length];
                }
                for (int i = 0; i < y.length; i++) {
                    acc[i] += (y[i] - m[i]) * (double) (y[i] - m[i]);
                }
                n++;
            }
        }
        for (int i = 0; i < acc.length; i++) {
            acc[i] /= n;
        }
        return acc;
    }

    static void assertAllNear(double[] values, double expected, double tolerance) {
        assertThat(values).isNotEmpty();
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).as("dimension %d", i).isCloseTo(expected, within(tolerance));
        }
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    @Test
    void trainingSetRefusesBadInput() {
        assertThatThrownBy(() -> new TrainingSet(Map.of("a", List.of(new float[2]))))
                .hasMessage("training set: 1 speakers (expected: >= 2)");
        assertThatThrownBy(() -> new TrainingSet(Map.of("a", List.of(new float[2]), "b", List.of(new float[3]))))
                .hasMessageContaining("has a vector of dimension");
        assertThatThrownBy(() -> new TrainingSet(Map.of("a", List.of(new float[] {Float.NaN}), "b", List.of(new float[1]))))
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> new TrainingSet(Map.of("a", List.of(), "b", List.of(new float[1]))))
                .hasMessage("training set: speaker a has no vectors");
    }
}
