package dev.voicegate.audiohook.audio;

import dev.voicegate.audiohook.api.MediaFormat;
import java.util.List;
import java.util.Optional;

/**
 * Picks the media entry to answer in {@code opened} (fact sheet §3.2): the first offered entry
 * accepted by the first rule that accepts any. The result is the offered instance itself, so it is
 * an exact copy (format, rate, channel order). Empty when no rule accepts any entry. Thread-safe.
 */
public final class MediaSelector {

    /** Stereo PCMU in the offered channel order, else mono external, else the first offered. */
    public static final List<MediaChoice> DEFAULT_PREFERENCE =
            List.of(MediaChoice.STEREO_PCMU, MediaChoice.MONO_EXTERNAL, MediaChoice.FIRST_OFFERED);

    private final List<MediaChoice> preference;

    public MediaSelector(List<MediaChoice> preference) {
        if (preference.isEmpty()) {
            throw new IllegalArgumentException("audiohook.mediaPreference: [] (expected: at least one choice)");
        }
        this.preference = List.copyOf(preference);
    }

    /** The configured preference order. */
    public List<MediaChoice> preference() {
        return preference;
    }

    /** The selected entry, or empty when nothing offered is acceptable. */
    public Optional<MediaFormat> select(List<MediaFormat> offered) {
        for (MediaChoice choice : preference) {
            for (MediaFormat m : offered) {
                if (choice.accepts(m)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }
}
