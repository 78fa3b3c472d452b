package dev.voicegate.core.config;

/**
 * A configuration value is missing, malformed or out of range. The message names the key, the value
 * and what was expected, e.g. {@code "gating.matchTimeout: -1s (expected: > 0)"}. Start-up fails on it.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Every problem found (one for most causes; several when a whole config was checked). */
    private final java.util.List<String> problems;

    public ConfigException(String message) {
        super(message);
        this.problems = java.util.List.of(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = java.util.List.of(message);
    }

    private ConfigException(java.util.List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = java.util.List.copyOf(problems);
    }

    /** The problems, one message each. */
    public java.util.List<String> problems() {
        return problems;
    }

    /** Throws one exception listing all problems, if there are any. */
    public static void throwIfAny(java.util.List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** {@code key: value (expected: expectation)}. */
    public static ConfigException invalid(String key, Object value, String expectation) {
        return new ConfigException(key + ": " + value + " (expected: " + expectation + ")");
    }
}
