package dev.voicegate.biometrics.store;

/** A record failed authentication (tampered, corrupted, or moved to another row). */
public final class RecordIntegrityException extends StoreException {

    private static final long serialVersionUID = 1L;

    public RecordIntegrityException(String message) {
        super(message);
    }

    public RecordIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
