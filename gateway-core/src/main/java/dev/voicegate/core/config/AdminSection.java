package dev.voicegate.core.config;

/**
 * {@code admin:} — the internal operations port: {@code /healthz}, {@code /readyz}, {@code /metrics}.
 *
 * @param host bind address
 * @param port TCP port (0 = chosen by the OS)
 */
public record AdminSection(String host, Integer port) {
    public AdminSection {
        host = host == null ? "0.0.0.0" : host;
        port = Checks.port("admin.port", port, 9090);
    }
}
