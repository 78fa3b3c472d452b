package dev.voicegate.notifier.api;

/** The {@code BioSearch} vocabulary: the outcome of a 1:N search. */
public enum BioSearch { NO_USER_FOUND, FOUND_ONE, FOUND_MANY, FOUND_TOO_MANY }
