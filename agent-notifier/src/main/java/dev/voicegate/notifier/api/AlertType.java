package dev.voicegate.notifier.api;

/** Alerts shown whatever the identity state. */
public enum AlertType {
    /** {@code BlocklistResult=MATCH}. */
    BLOCKLIST_MATCH,
    /** {@code LiveVoiceResult=SPOOFED}. */
    SPOOF_SUSPECTED,
    /** {@code BioSpeakerChanged=true}. */
    SPEAKER_CHANGED
}
