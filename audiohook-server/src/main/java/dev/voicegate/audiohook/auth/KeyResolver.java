package dev.voicegate.audiohook.auth;

/**
 * Finds the verification key for a signature (RFC 9421 §3.2 step 6; fact sheet §1.2 "key resolver").
 * Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface KeyResolver {

    /**
     * @param parameters the parsed, validated signature parameters
     * @return the key, {@link KeyLookup.Unknown}, or a rejection
     */
    KeyLookup resolve(SignatureParameters parameters);
}
