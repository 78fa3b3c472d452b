package dev.voicegate.core.admin;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of one connection to the admin port. Immutable, validated; messages name the YAML key.
 *
 * @param writeBufferHighWaterMark bytes queued for a peer before its channel counts as unwritable; the
 *                                 server then stops reading its (pipelined) requests until it drains
 * @param unwritableTimeout        a connection that stays unwritable this long is closed (one log line,
 *                                 {@code voicegate.admin.slow.closes})
 * @param readTimeout              a connection that sends nothing for this long is closed
 */
public record AdminLimits(int writeBufferHighWaterMark, Duration unwritableTimeout, Duration readTimeout) {

    public AdminLimits {
        if (writeBufferHighWaterMark < 8192 || writeBufferHighWaterMark > 64 << 20) {
            throw new IllegalArgumentException("admin.writeBufferHighWaterMark: " + writeBufferHighWaterMark
                    + " (expected: 8192..67108864)");
        }
        positive("admin.unwritableTimeout", unwritableTimeout);
        positive("admin.readTimeout", readTimeout);
    }

    /** Defaults: 256 KiB write buffer (a few scrapes), 10 s unwritable timeout, 30 s read timeout. */
    public static AdminLimits defaults() {
        return new AdminLimits(256 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private static void positive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": " + dev.voicegate.core.config.Durations.format(d) + " (expected: > 0)");
        }
    }
}
