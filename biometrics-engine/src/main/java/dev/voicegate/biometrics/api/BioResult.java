package dev.voicegate.biometrics.api;

/**
 * Verification outcome (docs/biometrics.md): closer to {@code TRUE_HIGH} = more certain it is the
 * enrolled voice, {@code FALSE_HIGH} = confidently someone else. {@code NO_DATA}: no usable speech;
 * {@code LOW_DATA}: some speech, below the decision minimum; {@code ERROR}: the job failed (the
 * reason is in a separate field).
 */
public enum BioResult {
    ERROR, NO_DATA, LOW_DATA, FALSE_HIGH, FALSE_MEDIUM, FALSE_LOW, TRUE_LOW, TRUE_MEDIUM, TRUE_HIGH
}
