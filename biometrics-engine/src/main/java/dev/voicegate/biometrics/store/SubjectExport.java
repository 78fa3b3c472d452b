package dev.voicegate.biometrics.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the store holds about one biokey, for access requests (GDPR Art. 15). Templates are
 * summarised (engine, size), never included: they are model-specific and useless outside.
 *
 * @param biokey            the subject
 * @param voiceprint        engine id/version, size and enrollment facts, if enrolled
 * @param consent           the consent, if any
 * @param optOut            the opt-out, if any
 * @param fingerprintCount  replay fingerprints held
 * @param blocklistEntries  blocklist entries taken from this biokey, as {@code listId/fraudsterId}
 * @param tombstones        earlier erasures of this biokey
 * @param auditTrail        audit events naming the biokey (including this export)
 */
public record SubjectExport(String biokey, Optional<VoiceprintSummary> voiceprint, Optional<ConsentRecord> consent,
                            Optional<OptOutRecord> optOut, int fingerprintCount, List<String> blocklistEntries,
                            List<Tombstone> tombstones, List<AuditEvent> auditTrail) {

    public SubjectExport {
        blocklistEntries = List.copyOf(blocklistEntries);
        tombstones = List.copyOf(tombstones);
        auditTrail = List.copyOf(auditTrail);
    }

    /** A voiceprint without its template. */
    public record VoiceprintSummary(String engineId, int engineVersion, int templateBytes,
                                    double netSpeechSeconds, int enrolledCalls, Instant updatedAt) {
    }
}
