package dev.voicegate.core.config;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code gating:} — which AudioHook streams may carry audio (architecture §1 step 3–4).
 *
 * @param mode          {@code gated} (default): only conversations of monitored agents are resumed;
 *                      {@code open}: every stream is resumed at open (for orgs that already filter by queue)
 * @param matchTimeout  how long a paused stream waits for a monitored agent's conversation event
 * @param eventTtl      how long a conversation event waits for its stream
 * @param maxPending    bound on sessions waiting for an event and on remembered events (each)
 */
public record GatingSection(String mode, Duration matchTimeout, Duration eventTtl, Integer maxPending) {

    /** Gating modes. */
    public enum Mode { GATED, OPEN }

    public GatingSection {
        mode = mode == null ? "gated" : mode.toLowerCase(Locale.ROOT);
        if (!mode.equals("gated") && !mode.equals("open")) {
            throw ConfigException.invalid("gating.mode", mode, "gated | open");
        }
        matchTimeout = Checks.positive("gating.matchTimeout", matchTimeout, Duration.ofSeconds(10));
        eventTtl = Checks.positive("gating.eventTtl", eventTtl, Duration.ofMinutes(10));
        maxPending = Checks.positive("gating.maxPending", maxPending, 100_000);
    }

    public Mode modeValue() {
        return Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    }
}
