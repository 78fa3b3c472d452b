package dev.voicegate.core.config;

import dev.voicegate.core.admin.AdminLimits;
import java.time.Duration;

/**
 * {@code admin:} — the internal operations port: {@code /healthz}, {@code /readyz}, {@code /metrics}.
 *
 * @param host              bind address
 * @param port              TCP port (0 = chosen by the OS)
 * @param readTimeout       a connection that sends nothing for this long is closed
 * @param unwritableTimeout a client that stops reading its responses is closed after this long
 */
public record AdminSection(String host, Integer port, Duration readTimeout, Duration unwritableTimeout) {

    /** Host and port only; the limits take their defaults. */
    public AdminSection(String host, Integer port) {
        this(host, port, null, null);
    }

    public AdminSection {
        host = host == null ? "0.0.0.0" : host;
        port = Checks.port("admin.port", port, 9090);
        AdminLimits d = AdminLimits.defaults();
        readTimeout = readTimeout == null ? d.readTimeout() : readTimeout;
        unwritableTimeout = unwritableTimeout == null ? d.unwritableTimeout() : unwritableTimeout;
    }

    /** The admin server's limits (its validation, with the YAML keys). */
    public AdminLimits toLimits() {
        return new AdminLimits(AdminLimits.defaults().writeBufferHighWaterMark(), unwritableTimeout, readTimeout);
    }
}
