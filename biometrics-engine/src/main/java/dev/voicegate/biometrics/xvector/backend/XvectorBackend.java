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
    /**
     * Weight of the plain x-vector in {@link BackendScorer}'s fused vector, in [0, 1): 0 = the back-end vector
     * alone. Only {@link BackendScorer} uses it ({@link #score} here is the back end's own scorer).
     */
    final double plainWeight;
    /** The cohort in the scorer's final space: PLDA-transformed (one session) or WCCN-projected for cosine. */
    private final List<double[]> cohortModels;

    XvectorBackend(AffineTransform lda, AffineTransform wccn, Plda plda, Scoring scoring, List<float[]> cohort,
            int topN, ScoreCalibration calibration) {
        this(lda, wccn, plda, scoring, cohort, topN, calibration, 0);
    }

    XvectorBackend(AffineTransform lda, AffineTransform wccn, Plda plda, Scoring scoring, List<float[]> cohort,
            int topN, ScoreCalibration calibration, double plainWeight) {
        if (!(plainWeight >= 0 && plainWeight < 1)) {
            throw new IllegalArgumentException("backend.plainWeight: " + plainWeight + " (expected: 0 <= w < 1)");
        }
        if (plainWeight > 0 && scoring == Scoring.PLDA) {
            throw new IllegalArgumentException("backend.plainWeight: " + plainWeight
                    + " with PLDA scoring (expected: 0; the plain x-vector fuses with cosine scoring only)");
        }
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
        this.plainWeight = plainWeight;
        List<double[]> models = new ArrayList<>();
        for (float[] c : this.cohort) {
            models.add(prepare(process(c), 1));
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
        return new XvectorBackend(lda, wccn, plda, scoring, cohort, topN, null, plainWeight);
    }

    /**
     * The same back end with {@link BackendScorer} fusing the plain x-vector into its vectors with weight {@code w}
     * (no calibration: the scores change).
     */
    public XvectorBackend withPlainWeight(double w) {
        return new XvectorBackend(lda, wccn, plda, scoring, cohort, topN, null, w);
    }

    public double plainWeight() {
        return plainWeight;
    }

    /** The same back end with a calibration of its final scores (fit it on this back end's {@link #score}s). */
    public XvectorBackend withCalibration(ScoreCalibration calibration) {
        return new XvectorBackend(lda, wccn, plda, scoring, cohort, topN, java.util.Objects.requireNonNull(calibration),
                plainWeight);
    }

    /** The same back end using another scorer (no calibration: it belongs to the previous scorer). */
    public XvectorBackend withScoring(Scoring other) {
        return new XvectorBackend(lda, wccn, plda, other, cohort, topN, null, plainWeight);
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
            stats = cohortStats(prepare(model, sessions.size()), sessions.size());
        }
        return new Enrollment(model, sessions.size(), stats);
    }

    /** The scorer's score, before normalisation. */
    public double rawScore(Enrollment e, float[] test) {
        return raw(prepare(e.model(), e.sessions()), e.sessions(), prepare(process(test), 1));
    }

    /** The final score: AS-normalised when there is a cohort, otherwise raw. Higher = more likely the same speaker. */
    public double score(Enrollment e, float[] test) {
        double[] t = prepare(process(test), 1);
        double s = raw(prepare(e.model(), e.sessions()), e.sessions(), t);
        if (!hasCohort()) {
            return s;
        }
        return AsNorm.normalise(s, e.cohortStats(), cohortStats(t, 1));
    }

    /** Calibrated probability of "same speaker"; needs {@link #withCalibration}. */
    public double probability(Enrollment e, float[] test) {
        if (calibration == null) {
            throw new IllegalStateException("backend has no calibration");
        }
        return calibration.probability(score(e, test));
    }

    private AsNorm.CohortStats cohortStats(double[] side, int sessions) {
        double[] cs = new double[cohortModels.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = raw(side, sessions, cohortModels.get(i));
        }
        return AsNorm.topN(cs, topN);
    }

    /** A processed vector in the scorer's final space (PLDA: Kaldi's transform for that many sessions). */
    private double[] prepare(float[] processed, int sessions) {
        return scoring == Scoring.PLDA ? plda.transform(processed, sessions) : Mats.toDouble(processed);
    }

    private double raw(double[] model, int sessions, double[] test) {
        if (scoring == Scoring.COSINE) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < model.length; i++) {
                ab += model[i] * test[i];
                aa += model[i] * model[i];
                bb += test[i] * test[i];
            }
            return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
        }
        return plda.logLikelihoodRatio(model, sessions, test);
    }
}
