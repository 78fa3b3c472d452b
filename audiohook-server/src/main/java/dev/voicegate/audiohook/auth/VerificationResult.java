package dev.voicegate.audiohook.auth;

import java.util.Objects;

/**
 * The raw outcome of {@link SignatureVerifier#verify}. Immutable.
 *
 * @param result     the code
 * @param reason     a short operator-readable reason without secrets or signature values
 *                   ({@code "signatures match"} when verified)
 * @param parameters the selected signature's parameters, or {@code null} when parsing did not get that far
 */
public record VerificationResult(SignatureResult result, String reason, SignatureParameters parameters) {

    public VerificationResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code "<CODE>: <reason>"}, the form the reference puts in {@code disconnect.info}. */
    public String info() {
        return result + ": " + reason;
    }
}
