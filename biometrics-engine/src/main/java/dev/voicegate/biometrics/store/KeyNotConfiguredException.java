package dev.voicegate.biometrics.store;

/** A record names an encryption key id that is not configured. */
public final class KeyNotConfiguredException extends StoreException {

    private static final long serialVersionUID = 1L;

    public KeyNotConfiguredException(String message) {
        super(message);
    }

    public KeyNotConfiguredException(String message, Throwable cause) {
        super(message, cause);
    }
}
