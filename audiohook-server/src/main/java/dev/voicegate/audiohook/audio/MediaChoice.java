package dev.voicegate.audiohook.audio;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.MediaFormat;
import java.util.function.Predicate;

/** One rule of a media preference: which offered entries it accepts. */
public enum MediaChoice {
    /** Two-channel PCMU, in whatever channel order the client offered. */
    STEREO_PCMU(m -> m.encoding() == AudioEncoding.PCMU && m.channels().size() == 2),
    /** Two-channel L16. */
    STEREO_L16(m -> m.encoding() == AudioEncoding.L16 && m.channels().size() == 2),
    /** Mono customer channel, PCMU. */
    MONO_EXTERNAL_PCMU(m -> m.encoding() == AudioEncoding.PCMU && m.channels().equals(java.util.List.of(Channel.EXTERNAL))),
    /** Mono customer channel, any encoding. */
    MONO_EXTERNAL(m -> m.channels().equals(java.util.List.of(Channel.EXTERNAL))),
    /** Any entry: the first one offered. */
    FIRST_OFFERED(m -> true);

    private final Predicate<MediaFormat> accepts;

    MediaChoice(Predicate<MediaFormat> accepts) {
        this.accepts = accepts;
    }

    /** Whether this rule accepts {@code offered}. */
    public boolean accepts(MediaFormat offered) {
        return accepts.test(offered);
    }
}
