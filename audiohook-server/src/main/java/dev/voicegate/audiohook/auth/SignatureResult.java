package dev.voicegate.audiohook.auth;

/**
 * Outcome codes of HTTP message signature verification, as used by the AudioHook reference
 * implementation (fact sheet {@code audiohook-protocol.md} §1.3).
 */
public enum SignatureResult {
    /** The MAC matches with a known key and every check passed. */
    VERIFIED,
    /** The MAC does not match, the key is unknown, or the nonce was replayed. */
    FAILED,
    /** Neither {@code signature} nor {@code signature-input} is present. */
    UNSIGNED,
    /** Older than the maximum age, or past its {@code expires} (both with clock skew). */
    EXPIRED,
    /** Malformed: unparsable headers, only one of the two headers, unknown parameters, bad components. */
    INVALID,
    /** Well-formed but unacceptable: a required component, header or parameter missing or wrong. */
    PRECONDITION,
    /** Uses a feature we do not implement (another algorithm, {@code req}, {@code sf}, {@code @query-param}). */
    UNSUPPORTED
}
