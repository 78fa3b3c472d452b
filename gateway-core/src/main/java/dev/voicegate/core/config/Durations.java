package dev.voicegate.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the human durations used in the config file: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 30d}. */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("^(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)$");

    private Durations() {
    }

    /**
     * @param key used in the error message
     * @throws ConfigException when the text is neither a simple duration nor ISO-8601 ({@code PT10S})
     */
    public static Duration parse(String key, String text) {
        String t = text.trim();
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            long unitMillis = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            return Duration.ofNanos(Math.round(amount * unitMillis * 1_000_000d));
        }
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (RuntimeException e) {
                // fall through to the error below
            }
        }
        throw ConfigException.invalid(key, "\"" + text + "\"", "a duration such as 500ms, 10s, 5m, 24h, 30d or PT10S");
    }

    /** Shortest exact form: {@code 10s}, {@code 5m}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1_000L == 0) {
            return ms / 1_000L + "s";
        }
        return ms + "ms";
    }

    static void requirePositive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw ConfigException.invalid(key, format(d), "> 0");
        }
    }
}
