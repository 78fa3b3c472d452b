package dev.voicegate.biometrics.internal.eval;

/**
 * The training-free baseline of issue 4 §2: each utterance is a diagonal Gaussian of its raw
 * cepstra (per-utterance mean and variance over speech frames); two utterances are scored by the
 * negative symmetric Kullback-Leibler divergence of their Gaussians (higher = more similar).
 */
public final class Baseline {

    private Baseline() {
    }

    public static double score(ClipFeatures a, ClipFeatures b) {
        double kl = 0;
        for (int d = 0; d < a.baselineMean().length; d++) {
            double va = Math.max(a.baselineVar()[d], 1e-6);
            double vb = Math.max(b.baselineVar()[d], 1e-6);
            double dm = a.baselineMean()[d] - b.baselineMean()[d];
            kl += 0.5 * (va / vb + vb / va - 2 + dm * dm * (1 / va + 1 / vb));
        }
        return -kl;
    }
}
