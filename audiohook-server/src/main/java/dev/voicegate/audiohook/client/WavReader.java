package dev.voicegate.audiohook.client;

import dev.voicegate.audiohook.audio.MuLaw;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads 8 kHz WAV files (PCM16 or G.711 µ-law, mono or stereo; stereo = external, internal) into a
 * {@link PcmAudioSource}. Other rates or encodings are rejected with a message naming the field.
 */
public final class WavReader {

    private WavReader() {
    }

    /** Reads {@code file}. */
    public static PcmAudioSource read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses WAV bytes; {@code name} is used in error messages. */
    public static PcmAudioSource parse(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException(name + ": not a RIFF/WAVE file");
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int bits = 0;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (size < 0 || body + size > bytes.length) {
                size = bytes.length - body;
            }
            if (id == 0x20746d66) {             // "fmt "
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2);
                int rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (rate != 8000) {
                    throw new IllegalArgumentException(name + ": sample rate " + rate + " (expected: 8000)");
                }
                if (channels < 1 || channels > 2) {
                    throw new IllegalArgumentException(name + ": channels " + channels + " (expected: 1 or 2)");
                }
            } else if (id == 0x61746164) {      // "data"
                return decode(b, body, size, format, channels, bits, name);
            }
            pos = body + size + (size & 1);
        }
        throw new IllegalArgumentException(name + ": no data chunk");
    }

    private static PcmAudioSource decode(ByteBuffer b, int off, int size, int format, int channels, int bits, String name) {
        boolean pcm16 = format == 1 && bits == 16;
        boolean ulaw = format == 7 && bits == 8;
        if (!pcm16 && !ulaw) {
            throw new IllegalArgumentException(name + ": format " + format + "/" + bits
                    + " bits (expected: PCM 16-bit or mu-law 8-bit)");
        }
        int bytesPerFrame = channels * (pcm16 ? 2 : 1);
        int frames = size / bytesPerFrame;
        short[][] out = new short[channels][frames];
        int p = off;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = pcm16 ? b.getShort(p) : MuLaw.decode(b.get(p));
                p += pcm16 ? 2 : 1;
            }
        }
        return new PcmAudioSource(out[0], channels == 2 ? out[1] : null);
    }
}
