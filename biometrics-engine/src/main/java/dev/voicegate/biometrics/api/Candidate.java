package dev.voicegate.biometrics.api;

/** One 1:N search candidate: an enrolled biokey and its calibrated score. */
public record Candidate(String biokey, double score) {
}
