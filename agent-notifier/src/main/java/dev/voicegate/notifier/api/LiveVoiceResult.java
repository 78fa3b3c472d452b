package dev.voicegate.notifier.api;

/** The {@code LiveVoiceResult} vocabulary: liveness / anti-spoofing outcome. */
public enum LiveVoiceResult { GENUINE, SPOOFED, LOW_DATA, LOW_CONF, TIMEOUT }
