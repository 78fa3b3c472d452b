package dev.voicegate.genesys.api;

/** The client's own request queue is full: too many calls are waiting for a concurrency slot. */
public final class GenesysOverloadedException extends GenesysException {
    private static final long serialVersionUID = 1L;

    public GenesysOverloadedException(String message) {
        super(message);
    }
}
