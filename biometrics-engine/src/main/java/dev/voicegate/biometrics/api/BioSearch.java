package dev.voicegate.biometrics.api;

/** 1:N search outcome by the number of candidates above the search threshold. */
public enum BioSearch {
    NO_USER_FOUND, FOUND_ONE, FOUND_MANY, FOUND_TOO_MANY
}
