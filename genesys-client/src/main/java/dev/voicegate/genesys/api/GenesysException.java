package dev.voicegate.genesys.api;

/**
 * Base of the unchecked failures of this client. Every instance says which Genesys call failed
 * and why; none carries secrets or tokens.
 */
public class GenesysException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GenesysException(String message) {
        super(message);
    }

    public GenesysException(String message, Throwable cause) {
        super(message, cause);
    }
}
