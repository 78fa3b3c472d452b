package dev.voicegate.audiohook.api;

import java.util.List;
import java.util.Objects;

/**
 * One AudioHook {@code MediaParameter} (fact sheet §2.4): {@code {type:"audio", format, rate, channels}}.
 * Immutable; equality is exact (format, rate and the channel list in the same order), which is
 * what the client checks for the selected entry (§3.2).
 *
 * @param encoding PCMU or L16
 * @param rate     sample rate in Hz; always 8000 on the wire
 * @param channels 1 or 2 channels, in interleaving order
 */
public record MediaFormat(AudioEncoding encoding, int rate, List<Channel> channels) {

    /** The only sample rate AudioHook v2 allows. */
    public static final int RATE = 8000;

    public MediaFormat {
        Objects.requireNonNull(encoding, "encoding");
        channels = List.copyOf(channels);
        if (rate != RATE) {
            throw new IllegalArgumentException("media.rate: " + rate + " (expected: 8000)");
        }
        if (channels.isEmpty() || channels.size() > 2) {
            throw new IllegalArgumentException("media.channels: " + channels + " (expected: 1 or 2 entries)");
        }
    }

    /** Convenience factory at 8000 Hz. */
    public static MediaFormat of(AudioEncoding encoding, Channel... channels) {
        return new MediaFormat(encoding, RATE, List.of(channels));
    }

    /** Bytes of one sample frame across all channels. */
    public int bytesPerFrame() {
        return encoding.bytesPerSample() * channels.size();
    }
}
