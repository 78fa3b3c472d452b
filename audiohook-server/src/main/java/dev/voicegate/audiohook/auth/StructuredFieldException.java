package dev.voicegate.audiohook.auth;

/** A header value that is not a valid RFC 8941 structured field, or a value that cannot be serialised. */
public final class StructuredFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public StructuredFieldException(String message) {
        super(message);
    }
}
