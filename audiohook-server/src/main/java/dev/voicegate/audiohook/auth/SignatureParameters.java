package dev.voicegate.audiohook.auth;

/**
 * The signature parameters allowed by the AudioHook verifier (fact sheet §1.3 step 3; RFC 9421 §2.3).
 * Each is {@code null} when absent. Immutable.
 *
 * @param alg     algorithm name, e.g. {@code "hmac-sha256"}
 * @param created creation time, Unix seconds (≥ 0)
 * @param expires expiry time, Unix seconds (≥ 0)
 * @param keyid   key identifier; for AudioHook it equals the {@code x-api-key} header
 * @param nonce   the signer's random nonce
 */
public record SignatureParameters(String alg, Long created, Long expires, String keyid, String nonce) {
}
