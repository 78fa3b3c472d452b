/**
 * Public API of the biometrics engine (issue 4 §2–§3, architecture §3): the
 * {@link dev.voicegate.biometrics.api.VoiceprintEngine} with streaming
 * {@link dev.voicegate.biometrics.api.Analysis} objects, immutable results in the result vocabulary
 * of {@code docs/biometrics.md}, and the {@link dev.voicegate.biometrics.api.VoiceprintExtractor}
 * SPI through which another embedding model (e.g. ONNX) can be plugged in.
 */
package dev.voicegate.biometrics.api;
