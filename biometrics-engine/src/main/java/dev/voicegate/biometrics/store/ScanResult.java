package dev.voicegate.biometrics.store;

/**
 * Outcome of a full scan such as {@link VoiceprintStore#forEachVoiceprint}.
 *
 * @param delivered  records handed to the sink
 * @param unreadable records skipped because they could not be decrypted (unknown key id or failed
 *                   authentication); each is logged by row id, never by biokey
 */
public record ScanResult(long delivered, long unreadable) {
}
