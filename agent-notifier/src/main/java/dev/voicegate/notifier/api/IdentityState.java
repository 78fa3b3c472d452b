package dev.voicegate.notifier.api;

/** The caller's identity state as the agent sees it at a glance (see docs/biometrics.md). */
public enum IdentityState {
    /** No claimed identity and no voice match. */
    ANONYMOUS,
    /** A claimed identity or a single 1:N candidate exists, but nothing has verified it. */
    RECOGNIZED,
    /** Verified (TRUE_MEDIUM/TRUE_HIGH) or confirmed by the agent. */
    AUTHENTICATED
}
