package dev.voicegate.notifier.api;

/** The {@code BioResult} vocabulary: closer to TRUE_HIGH = more certain it is the enrolled voice. */
public enum BioResult {
    ERROR, NO_DATA, LOW_DATA, FALSE_LOW, FALSE_MEDIUM, FALSE_HIGH, TRUE_LOW, TRUE_MEDIUM, TRUE_HIGH
}
