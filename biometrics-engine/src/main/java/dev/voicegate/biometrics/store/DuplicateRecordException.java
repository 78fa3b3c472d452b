package dev.voicegate.biometrics.store;

/** A record with the same identity already exists. */
public final class DuplicateRecordException extends StoreException {

    private static final long serialVersionUID = 1L;

    public DuplicateRecordException(String message) {
        super(message);
    }

    public DuplicateRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
