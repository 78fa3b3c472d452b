package dev.voicegate.genesys.api;

/**
 * Genesys answered a REST call with an error status that is not (or no longer) retried. The message
 * names the method, the path, the status, the Genesys {@code code} and {@code contextId} (quote the
 * contextId to Genesys support).
 */
public final class GenesysApiException extends GenesysException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String contextId;
    private final String code;

    public GenesysApiException(String method, String path, int status, String code, String contextId, String detail) {
        super(method + " " + path + ": HTTP " + status + (code == null ? "" : " " + code)
                + (detail == null ? "" : " (" + detail + ")") + " [contextId=" + contextId + "]");
        this.status = status;
        this.contextId = contextId;
        this.code = code;
    }

    /** HTTP status returned by Genesys. */
    public int status() {
        return status;
    }

    /** Genesys correlation id of the failed request, or null if the body had none. */
    public String contextId() {
        return contextId;
    }

    /** Genesys error code (e.g. {@code too.many.requests.retry.after}), or null. */
    public String code() {
        return code;
    }
}
