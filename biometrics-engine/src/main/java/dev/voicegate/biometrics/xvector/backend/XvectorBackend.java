package dev.voicegate.biometrics.xvector.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained back end for x-vectors: centring + {@link Lda} to {@code ldaDim}, length normalisation, then either
 * {@link Wccn} + cosine ({@link Scoring#COSINE}) or {@link Plda} log-likelihood ratios ({@link Scoring#PLDA});
 * optionally {@link AsNorm} against a cohort of other speakers' embeddings, and a {@link ScoreCalibration} of the
 * final score. Both scorers are always trained (they share the LDA), {@code scoring} picks the one used.
 * Immutable and thread-safe; {@code with…} return new instances.
 */
public final class XvectorBackend {

    /** Which scorer produces the raw score. */
    public enum Scoring { COSINE, PLDA }

    /**
     * @param ldaDim       output dimension of the LDA, 1 ≤ ldaDim ≤ min(dim, speakers − 1)
     * @param emIterations PLDA EM iterations, ≥ 1
     * @param scoring      the scorer {@link #score} uses
     */
    public record Config(int ldaDim, int emIterations, Scoring scoring) {
        public Config {
            if (ldaDim < 1) {
                throw new IllegalArgumentException("backend.ldaDim: " + ldaDim + " (expected: >= 1)");
            }
            if (emIterations < 1) {
                throw new IllegalArgumentException("backend.emIterations: " + emIterations + " (expected: >= 1)");
            }
            java.util.Objects.requireNonNull(scoring, "backend.scoring");
        }
    }

    /** An enrolled speaker: the processed model vector, its session count and (with a cohort) its AS-Norm stats. */
    public record Enrollment(float[] model, int sessions, AsNorm.CohortStats cohortStats) {
    }

    final AffineTransform lda;
    final AffineTransform wccn;
    final Plda plda;
    final Scoring scoring;
    final List<float[]> cohort;
    final int topN;
    final ScoreCalibration calibration;
    private final List<float[]> cohortModels;

    XvectorBackend(AffineTransform lda, AffineTransform wccn, Plda plda, Scoring scoring, List<float[]> cohort,
            int topN, ScoreCalibration calibration) {
        if (wccn.inDim() != lda.outDim() || plda.dim() != lda.outDim()) {
            throw new IllegalArgumentException("backend: lda " + lda.outDim() + ", wccn " + wccn.inDim() + ", plda "
                    + plda.dim() + " dimensions (expected: all equal)");
        }
        this.lda = lda;
        this.wccn = wccn;
        this.plda = plda;
        this.scoring = scoring;
        this.cohort = List.copyOf(cohort);
        this.topN = topN;
        this.calibration = calibration;
        List<float[]> models = new ArrayList<>();
        for (float[] c : this.cohort) {
            models.add(process(c));
        }
        this.cohortModels = models;
    }

    public static XvectorBackend train(TrainingSet data, Config config) {
        AffineTransform lda = Lda.train(data, config.ldaDim());
        TrainingSet projected = data.map(v -> Vectors.lengthNormalise(lda.apply(v)));
        AffineTransform wccn = Wccn.train(projected);
        Plda plda = Plda.train(projected, config.emIterations());
        return new XvectorBackend(lda, wccn, plda, config.scoring(), List.of(), 0, null);
    }

    /** The same back end scoring with AS-Norm against {@code cohort} (raw embeddings of non-enrolled speakers). */
    public XvectorBackend withCohort(List<float[]> cohort, int topN) {
        if (cohort.size() < 2) {
            throw new IllegalArgumentException("as-norm cohort: " + cohort.size() + " vectors (expected: >= 2)");
        }
        if (topN < 2) {
            throw new IllegalArgumentException("as-norm topN: " + topN + " (expected: >= 2)");
        }
        return new XvectorBackend(lda, wccn, plda, scoring, cohort, topN, null);
    }

    /** The same back end with a calibration of its final scores (fit it on this back end's {@link #score}s). */
    public XvectorBackend withCalibration(ScoreCalibration calibration) {
        return new XvectorBackend(lda, wccn, plda, scoring, cohort, topN, java.util.Objects.requireNonNull(calibration));
    }

    /** The same back end using another scorer (no calibration: it belongs to the previous scorer). */
    public XvectorBackend withScoring(Scoring other) {
        return new XvectorBackend(lda, wccn, plda, other, cohort, topN, null);
    }

    public int inputDim() {
        return lda.inDim();
    }

    public Scoring scoring() {
        return scoring;
    }

    public boolean hasCohort() {
        return !cohort.isEmpty();
    }

    public java.util.Optional<ScoreCalibration> calibration() {
        return java.util.Optional.ofNullable(calibration);
    }

    /** One raw embedding in the scorer's space (LDA, length norm, and WCCN for cosine). */
    float[] process(float[] x) {
        float[] y = Vectors.lengthNormalise(lda.apply(x));
        return scoring == Scoring.COSINE ? wccn.apply(y) : y;
    }

    /** Enrolls the average of one or more sessions. */
    public Enrollment enroll(List<float[]> sessions) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("enrollment: no sessions");
        }
        List<float[]> processed = sessions.stream().map(this::process).toList();
        float[] model = Vectors.mean(processed);
        AsNorm.CohortStats stats = null;
        if (hasCohort()) {
            double[] cs = new double[cohortModels.size()];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = raw(model, sessions.size(), cohortModels.get(i));
            }
            stats = AsNorm.topN(cs, topN);
        }
        return new Enrollment(model, sessions.size(), stats);
    }

    /** The scorer's score, before normalisation. */
    public double rawScore(Enrollment e, float[] test) {
        return raw(e.model(), e.sessions(), process(test));
    }

    /** The final score: AS-normalised when there is a cohort, otherwise raw. Higher = more likely the same speaker. */
    public double score(Enrollment e, float[] test) {
        float[] t = process(test);
        double s = raw(e.model(), e.sessions(), t);
        if (!hasCohort()) {
            return s;
        }
        double[] cs = new double[cohortModels.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = raw(t, 1, cohortModels.get(i));
        }
        return AsNorm.normalise(s, e.cohortStats(), AsNorm.topN(cs, topN));
    }

    /** Calibrated probability of "same speaker"; needs {@link #withCalibration}. */
    public double probability(Enrollment e, float[] test) {
        if (calibration == null) {
            throw new IllegalStateException("backend has no calibration");
        }
        return calibration.probability(score(e, test));
    }

    private double raw(float[] model, int sessions, float[] test) {
        if (scoring == Scoring.COSINE) {
            return Vectors.cosine(model, test);
        }
        return plda.logLikelihoodRatio(plda.transform(model, sessions), sessions, plda.transform(test, 1));
    }
}
