package dev.voicegate.audiohook.config;

import java.time.Duration;

/**
 * How configuration values appear in validation messages: durations as the config file writes them
 * ({@code 500ms}, {@code 15s}, {@code 5m}), not ISO-8601, so a message can be pasted back into the YAML.
 */
public final class ConfigText {
    private ConfigText() {
    }

    /** Shortest exact form: {@code 10s}, {@code 5m}, {@code 250ms}, {@code -1s}. */
    public static String duration(Duration d) {
        if (d == null) {
            return "null";
        }
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms != 0 && ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms == 0 ? "0s" : ms + "ms";
    }

    static IllegalArgumentException invalid(String key, Object value, String expected) {
        String shown = value instanceof Duration d ? duration(d) : String.valueOf(value);
        return new IllegalArgumentException(key + ": " + shown + " (expected: " + expected + ")");
    }
}
