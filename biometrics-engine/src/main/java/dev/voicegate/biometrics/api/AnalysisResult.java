package dev.voicegate.biometrics.api;

import dev.voicegate.biometrics.frontend.SpeechQuality;

/**
 * An immutable snapshot of an analysis (interim or final).
 *
 * @param isFinal        true for the result of {@link Analysis#finish()}
 * @param quality        speech quality so far (net speech, SNR, clipping, crosstalk)
 * @param adequateSpeech {@code BioAdequateSpeech}: enough net speech to enroll
 * @param verification   1:1 result when a biokey was claimed, else null
 * @param search         1:N result when requested (final results only), else null
 * @param blocklist      blocklist check (never null; {@link BlocklistCheck#NONE} when not run)
 * @param speakerChange  speaker-change state (never null)
 * @param liveness       liveness when a biokey was claimed (final results only), else null
 */
public record AnalysisResult(boolean isFinal, SpeechQuality quality, boolean adequateSpeech, Verification verification,
                             Search search, BlocklistCheck blocklist, SpeakerChange speakerChange, Liveness liveness) {
}
