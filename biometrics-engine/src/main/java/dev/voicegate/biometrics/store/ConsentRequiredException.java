package dev.voicegate.biometrics.store;

/** No consent is recorded for the biokey, so it may not be enrolled. */
public final class ConsentRequiredException extends StoreException {

    private static final long serialVersionUID = 1L;

    public ConsentRequiredException(String message) {
        super(message);
    }

    public ConsentRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
