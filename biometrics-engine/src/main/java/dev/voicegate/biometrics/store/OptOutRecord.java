package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.internal.Checks;
import java.time.Instant;

/**
 * The caller's opt-out of voice biometrics ({@code BioOptOut}): permanent in the store.
 *
 * @param at         when the caller opted out
 * @param recordedBy who recorded it
 * @param erased     whether the biokey was erased since (the opt-out then lives in its tombstone)
 */
public record OptOutRecord(Instant at, String recordedBy, boolean erased) {

    public OptOutRecord {
        Checks.time("at", at);
        Checks.key("recordedBy", recordedBy);
    }
}
