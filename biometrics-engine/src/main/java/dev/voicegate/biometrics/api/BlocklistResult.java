package dev.voicegate.biometrics.api;

/** Whether the caller matched a fraudster on a blocklist. */
public enum BlocklistResult {
    MATCH, NO_MATCH
}
