package dev.voicegate.audiohook.client;

import dev.voicegate.audiohook.audio.MuLaw;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads 8 kHz WAV files (PCM16 or G.711 µ-law, mono or stereo; stereo = external, internal) into a
 * {@link PcmAudioSource}. Other rates or encodings, and headers whose sizes or fields contradict the
 * file or each other, are rejected with a message naming the field. (The biometrics engine has its own
 * reader, {@code dev.voicegate.biometrics.frontend.WavReader}, with the same checks: this module does
 * not depend on the engine.)
 */
public final class WavReader {

    private WavReader() {
    }

    /** Largest file read (about 9 h of 8 kHz stereo PCM16); nothing is allocated from a size field. */
    static final int MAX_BYTES = 512 * 1024 * 1024;

    /** Reads {@code file}, at most {@value #MAX_BYTES} bytes whatever the file claims. */
    public static PcmAudioSource read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES + " bytes");
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses WAV bytes; {@code name} is used in error messages. A size or format field that
     * contradicts the file or the declared format is an {@link IllegalArgumentException} naming it.
     */
    public static PcmAudioSource parse(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException(name + ": not a RIFF/WAVE file");
        }
        long riff = b.getInt(4) & 0xFFFFFFFFL;
        if (riff != 0 && riff != 0xFFFFFFFFL && riff > bytes.length - 8L) {
            throw new IllegalArgumentException(name + ": RIFF size " + riff + " (expected: <= " + (bytes.length - 8L)
                    + ", the bytes after the RIFF header)");
        }
        long pos = 12;
        int format = -1;
        int channels = 0;
        int bits = 0;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt((int) pos);
            long size = b.getInt((int) pos + 4) & 0xFFFFFFFFL;
            long body = pos + 8;
            long left = bytes.length - body;
            if (id == 0x61746164) {             // "data"
                if (format < 0) {
                    throw new IllegalArgumentException(name + ": data chunk before the fmt chunk");
                }
                if (size == 0 || size == 0xFFFFFFFFL) {
                    size = left;                // streaming writers: take what the file holds
                } else if (size > left) {
                    throw new IllegalArgumentException(name + ": data chunk size " + size + " (expected: <= " + left
                            + ", the bytes left in the file)");
                }
                return decode(b, (int) body, (int) size, format, channels, bits, name);
            }
            if (size > left) {
                throw new IllegalArgumentException(name + ": chunk at byte " + pos + " has size " + size
                        + " (expected: <= " + left + ", the bytes left in the file)");
            }
            if (id == 0x20746d66) {             // "fmt "
                if (size < 16) {
                    throw new IllegalArgumentException(name + ": fmt chunk size " + size + " (expected: >= 16)");
                }
                int at = (int) body;
                format = b.getShort(at) & 0xFFFF;
                channels = b.getShort(at + 2) & 0xFFFF;
                long rate = b.getInt(at + 4) & 0xFFFFFFFFL;
                long byteRate = b.getInt(at + 8) & 0xFFFFFFFFL;
                int blockAlign = b.getShort(at + 12) & 0xFFFF;
                bits = b.getShort(at + 14) & 0xFFFF;
                if (rate != 8000) {
                    throw new IllegalArgumentException(name + ": sample rate " + rate + " (expected: 8000)");
                }
                if (channels < 1 || channels > 2) {
                    throw new IllegalArgumentException(name + ": channels " + channels + " (expected: 1 or 2)");
                }
                if (blockAlign != channels * bits / 8 || blockAlign == 0) {
                    throw new IllegalArgumentException(name + ": blockAlign " + blockAlign + " (expected: "
                            + channels * bits / 8 + " = channels x bits / 8, and > 0)");
                }
                if (byteRate != rate * blockAlign) {
                    throw new IllegalArgumentException(name + ": byteRate " + byteRate + " (expected: "
                            + rate * blockAlign + " = sample rate x blockAlign)");
                }
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
