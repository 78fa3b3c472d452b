package dev.voicegate.core.demo;

import dev.voicegate.audiohook.client.PcmAudioSource;
import dev.voicegate.audiohook.client.WavReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The bundled speech clips ({@code /demo/*.wav} on the class path, made by
 * {@code gateway-core/src/main/resources/demo/make-clips.sh}): 8 kHz G.711 µ-law, decoded to PCM16.
 */
public final class DemoClips {

    /** Samples per second of every clip. */
    public static final int RATE = 8000;
    private static final int NOISE_AMPLITUDE = 40;   // about -58 dBFS: line hiss on the agent channel

    private DemoClips() {
    }

    /** The PCM16 samples of one clip (e.g. {@code "call-olivia"}). */
    public static short[] load(String name) {
        String resource = "/demo/" + name + ".wav";
        try (InputStream in = DemoClips.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("demo clip " + resource + " is not on the class path");
            }
            return drain(WavReader.parse(in.readAllBytes(), resource));
        } catch (IOException e) {
            throw new UncheckedIOException("reading demo clip " + resource, e);
        }
    }

    /** Several clips one after the other. */
    public static short[] concat(List<String> names) {
        List<short[]> parts = new ArrayList<>();
        int total = 0;
        for (String n : names) {
            short[] p = load(n);
            parts.add(p);
            total += p.length;
        }
        short[] out = new short[total];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /**
     * The agent channel for a call of {@code samples}: low-level line noise while the caller talks
     * (an agent who listens; a talking agent would only mask the caller's speech as crosstalk).
     */
    public static short[] agentChannel(int samples, Random random) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(random.nextGaussian() * NOISE_AMPLITUDE);
        }
        return out;
    }

    /** Seconds of audio in {@code samples}. */
    public static double seconds(short[] samples) {
        return samples.length / (double) RATE;
    }

    private static short[] drain(PcmAudioSource source) {
        List<short[]> chunks = new ArrayList<>();
        int total = 0;
        short[] internal = new short[RATE];
        while (true) {
            short[] external = new short[RATE];
            int n = source.read(external, internal, RATE);
            if (n == 0) {
                break;
            }
            chunks.add(n == RATE ? external : java.util.Arrays.copyOf(external, n));
            total += n;
        }
        short[] out = new short[total];
        int at = 0;
        for (short[] c : chunks) {
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        return out;
    }
}
