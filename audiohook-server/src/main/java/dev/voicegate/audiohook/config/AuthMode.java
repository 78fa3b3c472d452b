package dev.voicegate.audiohook.config;

/** How an authentication failure is answered (fact sheet §1.2); both after the minimum failure delay. */
public enum AuthMode {
    /** HTTP 401 before the upgrade; no socket is held (default). */
    REQUEST,
    /** Upgrade, then {@code disconnect{reason:unauthorized, info}}. */
    SESSION
}
