package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.internal.Checks;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One fraudster voiceprint on a blocklist ({@code BlocklistID}, {@code FraudsterID}).
 *
 * @param listId        the blocklist
 * @param fraudsterId   the fraudster's id within the list
 * @param engineId      engine that made the template
 * @param engineVersion its version (>= 1)
 * @param template      the template bytes (copied in and out; encrypted at rest; never logged)
 * @param addedAt       when it was added
 * @param addedBy       who added it
 * @param sourceBiokey  the biokey the voice was taken from when an enrolled caller was marked as
 *                      fraud, else {@code null}; {@link VoiceprintStore#erase} of that biokey
 *                      removes this entry
 */
public record FraudsterEntry(String listId, String fraudsterId, String engineId, int engineVersion,
                             byte[] template, Instant addedAt, String addedBy, String sourceBiokey) {

    public FraudsterEntry {
        Checks.key("listId", listId);
        Checks.key("fraudsterId", fraudsterId);
        Checks.key("engineId", engineId);
        Checks.positive("engineVersion", engineVersion);
        template = Checks.blob("template", template);
        Checks.time("addedAt", addedAt);
        Checks.key("addedBy", addedBy);
        if (sourceBiokey != null) {
            Checks.key("sourceBiokey", sourceBiokey);
        }
    }

    /** A copy of the template bytes. */
    @Override
    public byte[] template() {
        return template.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FraudsterEntry e && listId.equals(e.listId) && fraudsterId.equals(e.fraudsterId)
                && engineId.equals(e.engineId) && engineVersion == e.engineVersion
                && Arrays.equals(template, e.template) && addedAt.equals(e.addedAt) && addedBy.equals(e.addedBy)
                && Objects.equals(sourceBiokey, e.sourceBiokey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(listId, fraudsterId, engineId, engineVersion, Arrays.hashCode(template), addedAt);
    }

    @Override
    public String toString() {
        return "FraudsterEntry[list=" + listId + ", fraudster=" + fraudsterId + ", engine=" + engineId + "/"
                + engineVersion + ", templateBytes=" + template.length + ", addedAt=" + addedAt + "]";
    }
}
