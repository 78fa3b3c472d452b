package dev.voicegate.biometrics.api;

/**
 * 1:1 verification against a claimed biokey.
 *
 * @param biokey      the claimed identity
 * @param result      {@code BioResult}
 * @param score       calibrated {@code BioScore} in [0, 1], or NaN when there is no score
 *                    ({@code NO_DATA}, {@code LOW_DATA}, {@code ERROR})
 * @param rawScore    the uncalibrated similarity (cosine), or NaN
 * @param errorReason why the result is {@code ERROR} or why no score exists (e.g. "not enrolled"),
 *                    else {@code ""}
 */
public record Verification(String biokey, BioResult result, double score, double rawScore, String errorReason) {
}
