package dev.voicegate.biometrics.store;

/** Base of the store's unchecked failures; messages never contain templates or fingerprints. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
