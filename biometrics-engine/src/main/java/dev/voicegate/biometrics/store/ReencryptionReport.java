package dev.voicegate.biometrics.store;

/**
 * Outcome of {@link VoiceprintStore#reencryptAll}.
 *
 * @param keyId        the key every record is now encrypted under
 * @param voiceprints  voiceprints re-encrypted by this run
 * @param fingerprints replay fingerprints re-encrypted by this run
 * @param fraudsters   blocklist entries re-encrypted by this run
 */
public record ReencryptionReport(String keyId, long voiceprints, long fingerprints, long fraudsters) {

    /** Records re-encrypted by this run. */
    public long total() {
        return voiceprints + fingerprints + fraudsters;
    }
}
