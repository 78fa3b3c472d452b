/** Evaluation tooling: trial lists, the training-free baseline, EER/minDCF/FNMR@FMR and DET plots. Internal. */
package dev.voicegate.biometrics.internal.eval;
