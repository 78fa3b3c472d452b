package dev.voicegate.biometrics.store;

import dev.voicegate.biometrics.store.internal.Checks;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One enrolled voiceprint as the store keeps it: a model-specific template under a biokey.
 *
 * @param biokey           the identity the template belongs to (1..256 characters)
 * @param engineId         id of the engine/extractor that made the template (templates of another
 *                         engine or version must never be compared; the engine checks)
 * @param engineVersion    version of that engine (>= 1)
 * @param template         the template bytes (copied in and out; never logged)
 * @param netSpeechSeconds net speech accumulated into the template across calls (>= 0)
 * @param enrolledCalls    number of calls accumulated into the template (>= 1)
 * @param updatedAt        when the template was last enrolled ({@code BioUserLatestEnrolment})
 */
public record StoredVoiceprint(String biokey, String engineId, int engineVersion, byte[] template,
                               double netSpeechSeconds, int enrolledCalls, Instant updatedAt) {

    public StoredVoiceprint {
        Checks.key("biokey", biokey);
        Checks.key("engineId", engineId);
        Checks.positive("engineVersion", engineVersion);
        template = Checks.blob("template", template);
        if (!Double.isFinite(netSpeechSeconds) || netSpeechSeconds < 0) {
            throw new IllegalArgumentException("netSpeechSeconds: " + netSpeechSeconds + " (expected: finite >= 0)");
        }
        Checks.positive("enrolledCalls", enrolledCalls);
        Checks.time("updatedAt", updatedAt);
    }

    /** A copy of the template bytes. */
    @Override
    public byte[] template() {
        return template.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredVoiceprint v && biokey.equals(v.biokey) && engineId.equals(v.engineId)
                && engineVersion == v.engineVersion && Arrays.equals(template, v.template)
                && Double.compare(netSpeechSeconds, v.netSpeechSeconds) == 0
                && enrolledCalls == v.enrolledCalls && updatedAt.equals(v.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(biokey, engineId, engineVersion, Arrays.hashCode(template), updatedAt);
    }

    /** Never prints the template or the biokey. */
    @Override
    public String toString() {
        return "StoredVoiceprint[engine=" + engineId + "/" + engineVersion + ", templateBytes=" + template.length
                + ", netSpeechSeconds=" + netSpeechSeconds + ", enrolledCalls=" + enrolledCalls
                + ", updatedAt=" + updatedAt + "]";
    }
}
