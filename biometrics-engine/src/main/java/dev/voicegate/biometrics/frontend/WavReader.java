package dev.voicegate.biometrics.frontend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files: PCM16 (format tag 1) and G.711 µ-law (tag 7, 8-bit), also inside
 * WAVE_FORMAT_EXTENSIBLE; 8 or 16 kHz; mono or stereo. Anything else is refused with a
 * {@link WavFormatException} whose one-line message names the file and the problem. Thread-safe.
 */
public final class WavReader {

    private static final int TAG_PCM = 1;
    private static final int TAG_MULAW = 7;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    private static final long MAX_BYTES = 512L * 1024 * 1024;

    private WavReader() {
    }

    /** Reads channel 0 (left, or the only channel). */
    public static AudioClip read(Path file) {
        return read(file, 0);
    }

    /**
     * Reads one channel of a WAV file.
     *
     * @param channel 0 = left/mono, 1 = right (stereo files only)
     * @throws WavFormatException when the file is missing, broken or in an unsupported format
     */
    public static AudioClip read(Path file, int channel) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new WavFormatException(name, "file larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WavFormatException(name, "file not found");
        } catch (IOException e) {
            throw new WavFormatException(name, "cannot read file (" + e.getMessage() + ")");
        }
        return parse(name, bytes, channel);
    }

    /** Parses WAV bytes; {@code name} is used in error messages only. */
    public static AudioClip parse(String name, byte[] bytes, int channel) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || buf.getInt(0) != 0x46464952) {
            throw new WavFormatException(name, "not a RIFF file (missing 'RIFF' header)");
        }
        if (buf.getInt(8) != 0x45564157) {
            throw new WavFormatException(name, "RIFF file is not WAVE (missing 'WAVE' tag)");
        }
        Format fmt = null;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            int id = buf.getInt(pos);
            long size = buf.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            if (id == 0x20746d66) {
                fmt = parseFormat(name, buf, body, size);
            } else if (id == 0x61746164) {
                if (fmt == null) {
                    throw new WavFormatException(name, "'data' chunk before 'fmt ' chunk");
                }
                return decode(name, buf, body, dataLength(name, bytes.length, body, size), fmt, channel);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new WavFormatException(name, fmt == null ? "no 'fmt ' chunk" : "no 'data' chunk");
    }

    private record Format(int tag, int channels, int rate, int bits) {
    }

    private static Format parseFormat(String name, ByteBuffer buf, int body, long size) {
        if (size < 16 || body + 16 > buf.capacity()) {
            throw new WavFormatException(name, "'fmt ' chunk too short (" + size + " bytes)");
        }
        int tag = buf.getShort(body) & 0xFFFF;
        int channels = buf.getShort(body + 2) & 0xFFFF;
        int rate = buf.getInt(body + 4);
        int bits = buf.getShort(body + 14) & 0xFFFF;
        if (tag == TAG_EXTENSIBLE) {
            if (size < 40 || body + 26 > buf.capacity()) {
                throw new WavFormatException(name, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk too short");
            }
            tag = buf.getShort(body + 24) & 0xFFFF;
        }
        if (tag != TAG_PCM && tag != TAG_MULAW) {
            throw new WavFormatException(name, "unsupported format tag " + tag + " (expected: 1 PCM16 or 7 µ-law)");
        }
        int expectedBits = tag == TAG_PCM ? 16 : 8;
        if (bits != expectedBits) {
            throw new WavFormatException(name, "unsupported " + bits + "-bit " + (tag == TAG_PCM ? "PCM" : "µ-law")
                    + " (expected: " + expectedBits + "-bit)");
        }
        if (rate != 8000 && rate != 16000) {
            throw new WavFormatException(name, "unsupported sample rate " + rate + " Hz (expected: 8000|16000)");
        }
        if (channels != 1 && channels != 2) {
            throw new WavFormatException(name, "unsupported channel count " + channels + " (expected: 1|2)");
        }
        return new Format(tag, channels, rate, bits);
    }

    private static int dataLength(String name, int fileLength, int body, long size) {
        int available = fileLength - body;
        // Streaming writers (e.g. sox to a pipe) leave 0 or 0xFFFFFFFF: take what the file holds.
        if (size == 0xFFFFFFFFL || size == 0) {
            return available;
        }
        if (size > available) {
            throw new WavFormatException(name, "truncated 'data' chunk (header says " + size
                    + " bytes, file holds " + available + ")");
        }
        return (int) size;
    }

    private static AudioClip decode(String name, ByteBuffer buf, int start, int length, Format fmt, int channel) {
        if (channel < 0 || channel >= fmt.channels()) {
            throw new WavFormatException(name, "channel " + channel + " requested but the file has "
                    + fmt.channels() + " channel(s)");
        }
        int frameBytes = fmt.channels() * fmt.bits() / 8;
        int frames = length / frameBytes;
        if (frames == 0) {
            throw new WavFormatException(name, "no audio samples in 'data' chunk");
        }
        short[] out = new short[frames];
        int sampleBytes = fmt.bits() / 8;
        for (int i = 0; i < frames; i++) {
            int at = start + i * frameBytes + channel * sampleBytes;
            out[i] = fmt.tag() == TAG_PCM ? buf.getShort(at) : MuLaw.decode(buf.get(at));
        }
        return new AudioClip(out, fmt.rate());
    }

    /** Writes mono PCM16 (or µ-law when {@code muLaw}) WAV bytes; used by tools and tests. */
    public static byte[] toWavBytes(short[] samples, int rate, boolean muLaw) {
        int dataBytes = muLaw ? samples.length : samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes + (dataBytes & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + dataBytes + (dataBytes & 1)).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) (muLaw ? TAG_MULAW : TAG_PCM)).putShort((short) 1);
        b.putInt(rate).putInt(rate * (muLaw ? 1 : 2)).putShort((short) (muLaw ? 1 : 2)).putShort((short) (muLaw ? 8 : 16));
        b.putInt(0x61746164).putInt(dataBytes);
        for (short s : samples) {
            if (muLaw) {
                b.put(MuLaw.encode(s));
            } else {
                b.putShort(s);
            }
        }
        return b.array();
    }
}
