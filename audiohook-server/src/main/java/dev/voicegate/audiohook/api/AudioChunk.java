package dev.voicegate.audiohook.api;

import java.util.List;
import java.util.Objects;

/**
 * Decoded PCM16 audio of one binary frame, de-interleaved per channel in the selected order.
 *
 * <p><b>Ownership:</b> the arrays are reused by the session for the next frame. A chunk is valid
 * only during the {@link AudioHookListener#onAudio} call; copy what you keep ({@link #copyOf}).
 * Only the first {@link #samples()} entries of each array are meaningful.
 *
 * @param channels    one array per channel, index = position in {@code order}
 * @param order       the channel order of the selected media
 * @param startSample stream position of the first sample, in samples at 8000 Hz, counting received
 *                    samples plus the gaps the client reported in {@code discarded}/{@code resumed}
 * @param samples     number of valid samples per channel
 */
public record AudioChunk(short[][] channels, List<Channel> order, long startSample, int samples) {

    public AudioChunk {
        Objects.requireNonNull(channels, "channels");
        order = List.copyOf(order);
        if (channels.length != order.size()) {
            throw new IllegalArgumentException("channels: " + channels.length + " (expected: " + order.size() + ")");
        }
    }

    /** The samples of {@code channel}, or {@code null} when the stream does not carry it. */
    public short[] channel(Channel channel) {
        int i = order.indexOf(channel);
        return i < 0 ? null : channels[i];
    }

    /** The customer channel, or {@code null}. */
    public short[] external() {
        return channel(Channel.EXTERNAL);
    }

    /** The agent channel, or {@code null}. */
    public short[] internal() {
        return channel(Channel.INTERNAL);
    }

    /** Start position in seconds. */
    public double startSeconds() {
        return startSample / (double) MediaFormat.RATE;
    }

    /** A deep copy trimmed to {@link #samples()}, safe to keep after the callback. */
    public AudioChunk copyOf() {
        short[][] copy = new short[channels.length][];
        for (int i = 0; i < channels.length; i++) {
            copy[i] = java.util.Arrays.copyOf(channels[i], samples);
        }
        return new AudioChunk(copy, order, startSample, samples);
    }
}
