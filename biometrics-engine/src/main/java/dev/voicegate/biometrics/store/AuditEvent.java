package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * One audit-trail entry. Never carries biometric data (no templates, scores tied to a person, audio).
 *
 * @param at     when it happened
 * @param action what happened
 * @param biokey the subject, or {@code null} for events not about one person
 * @param actor  who did it (agent, operator or system id)
 * @param detail short free text without biometric data, or {@code ""}
 */
public record AuditEvent(Instant at, AuditAction action, String biokey, String actor, String detail) {

    public AuditEvent {
        Checks.time("at", at);
        Objects.requireNonNull(action, "action");
        if (biokey != null) {
            Checks.key("biokey", biokey);
        }
        Checks.key("actor", actor);
        Objects.requireNonNull(detail, "detail");
        if (detail.length() > Checks.MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("detail: " + detail.length()
                    + " characters (expected: <= " + Checks.MAX_TEXT_CHARS + ")");
        }
    }
}
