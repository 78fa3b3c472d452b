package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.internal.Checks;
import java.time.Instant;

/**
 * What remains of a biokey after {@link VoiceprintStore#erase}: the fact and time of the erasure and,
 * if the person had opted out, that opt-out (so they are never enrolled again). No biometric data.
 *
 * @param id         the tombstone's id (audit events about the erasure name it instead of the biokey)
 * @param biokey     the erased biokey
 * @param erasedAt   when
 * @param erasedBy   by whom
 * @param optOutAt   the preserved opt-out time, or {@code null} when the person had not opted out
 * @param optOutBy   who recorded the preserved opt-out, or {@code null}
 */
public record Tombstone(long id, String biokey, Instant erasedAt, String erasedBy, Instant optOutAt, String optOutBy) {

    public Tombstone {
        Checks.key("biokey", biokey);
        Checks.time("erasedAt", erasedAt);
        Checks.key("erasedBy", erasedBy);
    }

    /** Whether this tombstone preserves an opt-out. */
    public boolean optedOut() {
        return optOutAt != null;
    }
}
