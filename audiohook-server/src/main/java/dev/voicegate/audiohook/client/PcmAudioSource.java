package dev.voicegate.audiohook.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * An {@link AudioSource} over PCM16 arrays: the customer ({@code external}) and optionally the
 * agent ({@code internal}) channel; a missing or shorter channel is padded with silence.
 * {@link #silence(long)} and {@link #tone} generate audio.
 */
public final class PcmAudioSource implements AudioSource {

    private final short[] external;
    private final short[] internal;
    private final long length;
    private long position;

    public PcmAudioSource(short[] external, short[] internal) {
        this.external = Objects.requireNonNull(external, "external");
        this.internal = internal == null ? new short[0] : internal;
        this.length = Math.max(external.length, this.internal.length);
    }

    /** {@code samples} of silence on both channels. */
    public static PcmAudioSource silence(long samples) {
        return new PcmAudioSource(new short[Math.toIntExact(samples)], null);
    }

    /** A sine tone of {@code hz} on the external channel, {@code seconds} long, amplitude {@code amplitude}. */
    public static PcmAudioSource tone(double hz, double seconds, int amplitude) {
        short[] s = new short[(int) Math.round(seconds * 8000)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        return new PcmAudioSource(s, null);
    }

    @Override
    public int read(short[] ext, short[] intl, int samples) {
        int n = (int) Math.min(samples, length - position);
        if (n <= 0) {
            return 0;
        }
        copy(external, ext, n);
        copy(internal, intl, n);
        position += n;
        return n;
    }

    private void copy(short[] from, short[] to, int n) {
        int available = (int) Math.max(0, Math.min(n, from.length - position));
        if (available > 0) {
            System.arraycopy(from, (int) position, to, 0, available);
        }
        Arrays.fill(to, available, n, (short) 0);
    }
}
