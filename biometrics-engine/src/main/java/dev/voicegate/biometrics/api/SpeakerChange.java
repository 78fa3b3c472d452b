package dev.voicegate.biometrics.api;

import java.time.Duration;

/**
 * {@code BioSpeakerChanged}: whether the voice on the customer channel changed after the call's
 * first confident segment.
 *
 * @param changed whether a change was detected (latched for the rest of the analysis)
 * @param at      offset into the audio where the first differing window starts, or null
 */
public record SpeakerChange(boolean changed, Duration at) {

    /** No change detected (yet). */
    public static final SpeakerChange NONE = new SpeakerChange(false, null);
}
