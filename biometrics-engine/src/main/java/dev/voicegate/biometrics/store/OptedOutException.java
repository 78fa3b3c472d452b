package dev.voicegate.biometrics.store;

/** The biokey opted out: enrollment, consent and fingerprints are refused. */
public final class OptedOutException extends StoreException {

    private static final long serialVersionUID = 1L;

    public OptedOutException(String message) {
        super(message);
    }

    public OptedOutException(String message, Throwable cause) {
        super(message, cause);
    }
}
