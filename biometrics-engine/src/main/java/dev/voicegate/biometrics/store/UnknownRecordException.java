package dev.voicegate.biometrics.store;

/** A record the operation needs (e.g. a blocklist) does not exist. */
public final class UnknownRecordException extends StoreException {

    private static final long serialVersionUID = 1L;

    public UnknownRecordException(String message) {
        super(message);
    }

    public UnknownRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
