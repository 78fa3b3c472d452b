package dev.voicegate.biometrics.store;

/** What an {@link AuditEvent} records. The store writes the ones marked (store); callers the rest. */
public enum AuditAction {
    /** A voiceprint was enrolled or updated (store). */
    ENROLL,
    /** A 1:1 verification was run against the biokey (caller). */
    VERIFY,
    /** A 1:N search returned the biokey (caller). */
    IDENTIFY,
    /** A voiceprint was deleted (store). */
    DELETE,
    /** The subject's data was exported (store). */
    EXPORT,
    /** Consent was recorded (store). */
    CONSENT,
    /** The caller opted out (store). */
    OPT_OUT,
    /** Every artefact of a biokey was erased; the event names the tombstone, not the biokey (store). */
    ERASE,
    /** A blocklist or one of its entries changed (store). */
    BLOCKLIST,
    /** Records were re-encrypted under a new key (store). */
    REENCRYPT
}
