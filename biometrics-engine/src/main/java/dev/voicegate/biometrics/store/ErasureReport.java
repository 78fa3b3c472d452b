package dev.voicegate.biometrics.store;

/**
 * What {@link VoiceprintStore#erase} removed.
 *
 * @param tombstone              the tombstone left behind
 * @param voiceprintRemoved      whether a voiceprint was removed
 * @param fingerprintsRemoved    replay fingerprints removed
 * @param consentRemoved         whether a consent record was removed
 * @param fraudsterEntriesRemoved blocklist entries taken from this biokey that were removed
 * @param auditEventsRemoved     audit events naming the biokey that were removed
 */
public record ErasureReport(Tombstone tombstone, boolean voiceprintRemoved, int fingerprintsRemoved,
                            boolean consentRemoved, int fraudsterEntriesRemoved, int auditEventsRemoved) {

    /** Total number of artefacts removed. */
    public int total() {
        return (voiceprintRemoved ? 1 : 0) + fingerprintsRemoved + (consentRemoved ? 1 : 0)
                + fraudsterEntriesRemoved + auditEventsRemoved;
    }
}
