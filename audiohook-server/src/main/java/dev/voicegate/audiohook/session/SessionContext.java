package dev.voicegate.audiohook.session;

import java.util.Objects;

/**
 * Upgrade-request facts a session needs (fact sheet §1.1).
 *
 * @param sessionId          {@code Audiohook-Session-Id}
 * @param organizationHeader {@code Audiohook-Organization-Id}, or {@code null} when absent
 * @param correlationId      {@code Audiohook-Correlation-Id}, or {@code ""}
 */
public record SessionContext(String sessionId, String organizationHeader, String correlationId) {
    public SessionContext {
        Objects.requireNonNull(sessionId, "sessionId");
        correlationId = correlationId == null ? "" : correlationId;
    }
}
