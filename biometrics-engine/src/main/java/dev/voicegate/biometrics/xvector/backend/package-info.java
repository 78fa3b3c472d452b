/**
 * Back-end mathematics on speaker embeddings, independent of audio: LDA ({@link
 * dev.voicegate.biometrics.xvector.backend.Lda}), WCCN ({@link dev.voicegate.biometrics.xvector.backend.Wccn}),
 * length normalisation and cosine scoring ({@link dev.voicegate.biometrics.xvector.backend.Vectors}), Kaldi's
 * two-covariance PLDA ({@link dev.voicegate.biometrics.xvector.backend.Plda}), adaptive s-norm ({@link
 * dev.voicegate.biometrics.xvector.backend.AsNorm}), logistic-regression calibration ({@link
 * dev.voicegate.biometrics.xvector.backend.ScoreCalibration}), all combined and trained by {@link
 * dev.voicegate.biometrics.xvector.backend.XvectorBackend} and stored by {@link
 * dev.voicegate.biometrics.xvector.backend.BackendFile}. Eigen-decompositions and Cholesky factorisations come from
 * EJML. Trained objects are immutable and thread-safe; training is single-threaded.
 */
package dev.voicegate.biometrics.xvector.backend;
