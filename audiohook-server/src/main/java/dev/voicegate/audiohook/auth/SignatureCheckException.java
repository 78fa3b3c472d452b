package dev.voicegate.audiohook.auth;

/**
 * Ends a verification step with a result code. Package-private control flow of the verifier: it never
 * leaves {@link SignatureVerifier#verify}. No stack trace (it is an expected outcome, not a bug).
 */
final class SignatureCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SignatureResult result;

    SignatureCheckException(SignatureResult result, String reason) {
        super(reason, null, false, false);
        this.result = result;
    }

    SignatureResult result() {
        return result;
    }
}
