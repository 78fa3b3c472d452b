package dev.voicegate.biometrics.api;

/**
 * Liveness outcome. This engine detects replay of recent verification audio only; it never claims
 * {@code GENUINE} (it has no validated synthetic-speech detector), so live callers get
 * {@code LOW_CONF}.
 */
public enum LiveVoiceResult {
    GENUINE, SPOOFED, LOW_DATA, LOW_CONF, TIMEOUT
}
