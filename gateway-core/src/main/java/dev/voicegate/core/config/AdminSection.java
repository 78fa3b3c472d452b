package dev.voicegate.core.config;

import dev.voicegate.core.admin.AdminLimits;
import java.time.Duration;

/**
 * {@code admin:} — the internal operations port: {@code /healthz}, {@code /readyz}, {@code /metrics} (open) and
 * the data-subject API under {@code /api/v1/admin/} (bearer token only; off without one).
 *
 * @param host              bind address
 * @param port              TCP port (0 = chosen by the OS)
 * @param readTimeout       a connection that sends nothing for this long is closed
 * @param unwritableTimeout a client that stops reading its responses is closed after this long
 * @param token             bearer token of the admin API (a secret: give it as {@code ${env:NAME}} or
 *                          {@code ${file:/path}}); empty turns the API off
 */
public record AdminSection(String host, Integer port, Duration readTimeout, Duration unwritableTimeout, String token) {
    /** Shortest accepted token (a random 32-byte value is 43 base64 characters). */
    public static final int MIN_TOKEN_CHARS = 32;

    /** Host and port only; the limits take their defaults, the admin API is off. */
    public AdminSection(String host, Integer port) {
        this(host, port, null, null, null);
    }

    /** Host, port and limits; the admin API is off. */
    public AdminSection(String host, Integer port, Duration readTimeout, Duration unwritableTimeout) {
        this(host, port, readTimeout, unwritableTimeout, null);
    }

    public AdminSection {
        host = host == null ? "0.0.0.0" : host;
        port = Checks.port("admin.port", port, 9090);
        AdminLimits d = AdminLimits.defaults();
        readTimeout = readTimeout == null ? d.readTimeout() : readTimeout;
        unwritableTimeout = unwritableTimeout == null ? d.unwritableTimeout() : unwritableTimeout;
        token = token == null ? "" : token.strip();
        if (!token.isEmpty() && token.length() < MIN_TOKEN_CHARS) {
            throw ConfigException.invalid("admin.token", "<masked, " + token.length() + " characters>",
                    "at least " + MIN_TOKEN_CHARS + " characters (e.g. openssl rand -base64 32), or empty to turn the admin API off");
        }
        if (!token.isEmpty() && !token.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw ConfigException.invalid("admin.token", "<masked>", "printable ASCII without spaces (it travels in an HTTP header)");
        }
    }

    /** Whether the admin API is on (a token is configured). */
    public boolean apiEnabled() {
        return !token.isEmpty();
    }

    /** The admin server's limits (its validation, with the YAML keys). */
    public AdminLimits toLimits() {
        return new AdminLimits(AdminLimits.defaults().writeBufferHighWaterMark(), unwritableTimeout, readTimeout);
    }
}
