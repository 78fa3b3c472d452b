package dev.voicegate.audiohook.client;

/** The server refused the WebSocket upgrade with an HTTP status. */
public final class HandshakeRejectedException extends RuntimeException {

    private final int status;
    private final String retryAfter;

    public HandshakeRejectedException(int status, String retryAfter, String message) {
        super("upgrade refused: HTTP " + status + (message == null ? "" : " " + message));
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The {@code Retry-After} header, or null. */
    public String retryAfter() {
        return retryAfter;
    }
}
