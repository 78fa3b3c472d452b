package dev.voicegate.audiohook.auth;

import java.math.BigDecimal;
import java.time.Duration;

/** Formats durations the way config messages and auth infos show them: {@code "10s"}, {@code "7.5s"}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration d) {
        BigDecimal seconds = BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros();
        return (seconds.scale() < 0 ? seconds.setScale(0) : seconds).toPlainString() + "s";
    }
}
