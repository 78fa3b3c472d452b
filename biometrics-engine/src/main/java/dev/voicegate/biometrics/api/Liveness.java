package dev.voicegate.biometrics.api;

/**
 * {@code LiveVoiceResult} and {@code LiveVoiceScore}.
 *
 * @param result {@code SPOOFED} when the audio replays a recent verification recording of the
 *               claimed biokey; {@code LOW_DATA} with too little audio; otherwise {@code LOW_CONF}
 *               (never {@code GENUINE}: there is no validated synthetic-speech detector)
 * @param score  for {@code SPOOFED}: 0..1, the fingerprint bit-error rate × 2 (0 = identical
 *               recording); NaN otherwise
 */
public record Liveness(LiveVoiceResult result, double score) {
}
