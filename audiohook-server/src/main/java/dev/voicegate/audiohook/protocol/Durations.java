package dev.voicegate.audiohook.protocol;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * AudioHook duration syntax (fact sheet §2.2): seconds only, {@code ^PT(\d*\.)?\d+S$}, nanosecond
 * precision. Formatting follows the reference writer: shortest decimal, e.g. {@code PT0.2S}, {@code PT8S}.
 */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("^PT(\\d*\\.)?\\d+S$");
    /**
     * Longest duration text accepted. The reference writes at most 17 significant digits; this leaves room
     * for leading and trailing zeros and keeps the decimal arithmetic cheap on hostile input.
     */
    public static final int MAX_CHARS = 64;
    /** Largest duration that fits in {@link Duration#toNanos()}: about 292 years. */
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /** Whether {@code text} is a valid AudioHook duration. */
    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_CHARS && SYNTAX.matcher(text).matches();
    }

    /**
     * Parses an AudioHook duration; digits beyond nanoseconds are truncated.
     *
     * @throws IllegalArgumentException when the syntax does not match, the text is longer than
     *         {@value #MAX_CHARS} characters, or the value exceeds {@link Long#MAX_VALUE} nanoseconds
     */
    public static Duration parse(String text) {
        if (text != null && text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("duration: " + text.length() + " characters (expected: PT<seconds>S, at"
                    + " most " + MAX_CHARS + " characters)");
        }
        if (!isValid(text)) {
            throw new IllegalArgumentException("duration: " + text + " (expected: PT<seconds>S)");
        }
        BigDecimal seconds = new BigDecimal(text.substring(2, text.length() - 1));
        BigDecimal nanos = seconds.movePointRight(9).setScale(0, java.math.RoundingMode.DOWN);
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration: " + text + " (expected: at most "
                    + Long.MAX_VALUE / 1_000_000_000L + " seconds)");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** Formats like the reference: {@code PT0S}, {@code PT0.2S}, {@code PT1.5S}. Negative is rejected. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration: " + d + " (expected: >= 0)");
        }
        BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        String plain = seconds.signum() == 0 ? "0" : seconds.stripTrailingZeros().toPlainString();
        return "PT" + plain + "S";
    }

    /** Samples at 8000 Hz in {@code d}, rounded down. */
    public static long toSamples(Duration d) {
        return d.getSeconds() * 8000L + d.getNano() / 125_000L;
    }

    /** The duration of {@code samples} at 8000 Hz. */
    public static Duration ofSamples(long samples) {
        return Duration.ofNanos(samples * 125_000L);
    }
}
