package dev.voicegate.notifier.api;

/** What a transaction does (passive checks — blocklist, liveness, speaker change — run in each). */
public enum TransactionKind { VERIFY, IDENTIFY, ENROLL }
