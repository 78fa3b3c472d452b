package dev.voicegate.biometrics.api;

import java.util.Map;

/**
 * Outcome of an enrollment, per biokey.
 *
 * @param adequateSpeech   {@code BioAdequateSpeech} of the analysis
 * @param netSpeechSeconds net speech the analysis contributed
 * @param outcomes         per requested biokey
 */
public record EnrollmentResult(boolean adequateSpeech, double netSpeechSeconds, Map<String, Outcome> outcomes) {

    public EnrollmentResult {
        outcomes = Map.copyOf(outcomes);
    }

    /** What happened to one biokey. */
    public enum Outcome {
        /** First voiceprint stored. */
        ENROLLED,
        /** Merged into the existing voiceprint (enrollment accumulates across calls). */
        UPDATED,
        /** The existing voiceprint was of an older engine version and was replaced. */
        REPLACED_OLD_VERSION,
        /** Not enough net speech; nothing stored. */
        NOT_ENOUGH_SPEECH,
        /** No consent recorded; nothing stored. */
        NO_CONSENT,
        /** The caller opted out; nothing stored. */
        OPTED_OUT,
        /** Store failure or overload; see logs. */
        ERROR
    }
}
