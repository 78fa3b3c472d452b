package dev.voicegate.audiohook.config;

import dev.voicegate.audiohook.audio.MediaChoice;
import dev.voicegate.audiohook.audio.MediaSelector;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Per-session protocol settings (fact sheet §3.2, §4). Immutable and validated.
 *
 * @param decisionDeadline   how long {@code opened} waits for the listener's decision; when it passes the
 *                           stream starts paused and the late decision is applied when it arrives. &gt; 0.
 * @param mediaPreference    media selection rules in order (see {@link MediaSelector})
 * @param l16ByteOrder       byte order of L16 frames (the reference sends little-endian)
 * @param supportedLanguages returned in {@code opened.supportedLanguages} when the client asks
 */
public record SessionConfig(Duration decisionDeadline, List<MediaChoice> mediaPreference, ByteOrder l16ByteOrder,
                            List<String> supportedLanguages) {

    /** Decision deadline default: short, so {@code opened} goes out within milliseconds. */
    public static final Duration DEFAULT_DECISION_DEADLINE = Duration.ofMillis(50);
    /** Longest decision deadline accepted. */
    public static final Duration MAX_DECISION_DEADLINE = Duration.ofSeconds(4);

    public SessionConfig {
        if (decisionDeadline == null || decisionDeadline.isNegative() || decisionDeadline.isZero()
                || decisionDeadline.compareTo(MAX_DECISION_DEADLINE) > 0) {
            throw ConfigText.invalid("audiohook.decisionDeadline", decisionDeadline,
                    "> 0 and <= 4s; Genesys gives up on opened after about 5s");
        }
        mediaPreference = List.copyOf(mediaPreference);
        if (mediaPreference.isEmpty()) {
            throw ConfigText.invalid("audiohook.mediaPreference", "[]", "at least one choice");
        }
        Objects.requireNonNull(l16ByteOrder, "audiohook.l16ByteOrder");
        supportedLanguages = List.copyOf(supportedLanguages);
    }

    /** Defaults: 50 ms deadline, default media preference, little-endian L16, no languages. */
    public static SessionConfig defaults() {
        return new SessionConfig(DEFAULT_DECISION_DEADLINE, MediaSelector.DEFAULT_PREFERENCE,
                ByteOrder.LITTLE_ENDIAN, List.of());
    }

    /** A copy with another decision deadline. */
    public SessionConfig withDecisionDeadline(Duration deadline) {
        return new SessionConfig(deadline, mediaPreference, l16ByteOrder, supportedLanguages);
    }
}
