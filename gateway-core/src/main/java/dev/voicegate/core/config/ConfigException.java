package dev.voicegate.core.config;

/**
 * A configuration value is missing, malformed or out of range. The message names the key, the value
 * and what was expected, e.g. {@code "gating.matchTimeout: -1s (expected: > 0)"}. Start-up fails on it.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code key: value (expected: expectation)}. */
    public static ConfigException invalid(String key, Object value, String expectation) {
        return new ConfigException(key + ": " + value + " (expected: " + expectation + ")");
    }
}
