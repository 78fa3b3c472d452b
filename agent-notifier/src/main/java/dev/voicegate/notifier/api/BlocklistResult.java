package dev.voicegate.notifier.api;

/** The {@code BlocklistResult} vocabulary. */
public enum BlocklistResult { MATCH, NO_MATCH }
