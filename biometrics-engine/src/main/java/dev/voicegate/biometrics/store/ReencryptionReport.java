package dev.voicegate.biometrics.store;

/**
 * Outcome of {@link VoiceprintStore#reencryptAll}.
 *
 * @param keyId        the key records were moved to
 * @param voiceprints  voiceprints re-encrypted by this run
 * @param fingerprints replay fingerprints re-encrypted by this run
 * @param fraudsters   blocklist entries re-encrypted by this run
 * @param subjects     sealed copies of biokeys (one per person the store names) re-encrypted by this run
 * @param unreadable   records left under their old key because they could not be decrypted
 *                     (key not configured, or failed authentication); logged by row id
 */
public record ReencryptionReport(String keyId, long voiceprints, long fingerprints, long fraudsters,
                                 long subjects, long unreadable) {

    /** Records re-encrypted by this run. */
    public long total() {
        return voiceprints + fingerprints + fraudsters + subjects;
    }
}
