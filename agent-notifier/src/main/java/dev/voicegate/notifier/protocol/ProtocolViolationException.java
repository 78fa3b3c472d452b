package dev.voicegate.notifier.protocol;

/**
 * An inbound agent-app message that cannot be understood. Answered with an {@code error} message;
 * the connection stays open (one bad message never loses other data).
 */
public final class ProtocolViolationException extends RuntimeException {

    private final String requestId;

    public ProtocolViolationException(String message, String requestId) {
        super(message, null, false, false);
        this.requestId = requestId;
    }

    /** The request id of the offending command when it could be read, else null. */
    public String requestId() {
        return requestId;
    }
}
