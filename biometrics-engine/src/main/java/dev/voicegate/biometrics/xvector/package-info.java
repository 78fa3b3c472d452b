/**
 * The front end of Kaldi's telephone x-vector extractor (CALLHOME diarization v2 recipe, shipped as
 * {@code vosk-model-spk-0.4}): 8 kHz PCM16 → Kaldi MFCC ({@link dev.voicegate.biometrics.xvector.KaldiMfcc}),
 * centred sliding-window mean normalisation ({@link dev.voicegate.biometrics.xvector.SlidingCmn}), an energy
 * VAD on the raw c0 ({@link dev.voicegate.biometrics.xvector.StreamingVad}, with the exact batch
 * {@link dev.voicegate.biometrics.xvector.KaldiComputeVad} as its reference), tied together by
 * {@link dev.voicegate.biometrics.xvector.XvectorFrontEnd}.
 *
 * <p>Every step follows Kaldi's published sources ({@code src/feat/feature-window.cc}, {@code feature-mfcc.cc},
 * {@code mel-computations.cc}, {@code feature-functions.cc}, {@code src/ivector/voice-activity-detection.cc},
 * {@code src/matrix/matrix-functions.cc}); the class comments name the step each implements. Every class here is
 * single-threaded: one instance per analysis, not thread-safe, no I/O.
 */
package dev.voicegate.biometrics.xvector;
