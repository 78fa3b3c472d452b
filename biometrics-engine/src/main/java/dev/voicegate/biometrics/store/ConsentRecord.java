package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.internal.Checks;
import java.time.Instant;

/**
 * Consent (opt-in) to voice biometrics for one biokey (GDPR Art. 9(2)(a), BIPA §15(b)).
 *
 * @param at         when consent was given
 * @param method     how it was obtained, e.g. {@code "ivr-dtmf"}, {@code "agent-verbal"}, {@code "web-form"}
 * @param recordedBy who recorded it (agent or system id)
 */
public record ConsentRecord(Instant at, String method, String recordedBy) {

    public ConsentRecord {
        Checks.time("at", at);
        Checks.key("method", method);
        Checks.key("recordedBy", recordedBy);
    }
}
