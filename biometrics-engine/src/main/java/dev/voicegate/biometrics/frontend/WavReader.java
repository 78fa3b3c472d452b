package dev.voicegate.biometrics.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files: PCM16 (format tag 1) and G.711 µ-law (tag 7, 8-bit), also inside
 * WAVE_FORMAT_EXTENSIBLE; 8 or 16 kHz; mono or stereo. Anything else is refused with a
 * {@link WavFormatException} whose one-line message names the file and the problem: so is a header
 * that contradicts itself or the file (a RIFF or chunk size beyond the end of the file, a
 * {@code blockAlign} or {@code byteRate} that does not match the declared format). Thread-safe.
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
     * Reads one channel of a WAV file. At most {@value #MAX_BYTES} bytes are read, whatever the file
     * (or pipe, or device) claims; nothing is allocated from a size field in the file.
     *
     * @param channel 0 = left/mono, 1 = right (stereo files only)
     * @throws WavFormatException when the file is missing, broken or in an unsupported format
     */
    public static AudioClip read(Path file, int channel) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new WavFormatException(name, "file larger than " + MAX_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new WavFormatException(name, "file not found");
        } catch (IOException e) {
            throw new WavFormatException(name, "cannot read file (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new WavFormatException(name, "file larger than " + MAX_BYTES + " bytes");
        }
        return parse(name, bytes, channel);
    }

    /**
     * Parses WAV bytes; {@code name} is used in error messages only. Every size field is checked
     * against the bytes actually present before it is used; any inconsistency is a
     * {@link WavFormatException}, never another exception.
     */
    public static AudioClip parse(String name, byte[] bytes, int channel) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || buf.getInt(0) != 0x46464952) {
            throw new WavFormatException(name, "not a RIFF file (missing 'RIFF' header)");
        }
        if (buf.getInt(8) != 0x45564157) {
            throw new WavFormatException(name, "RIFF file is not WAVE (missing 'WAVE' tag)");
        }
        long riffSize = u32(buf, 4);
        // Streaming writers leave 0 or 0xFFFFFFFF (unknown); anything else must fit the file.
        if (riffSize != 0 && riffSize != 0xFFFFFFFFL && riffSize > bytes.length - 8L) {
            throw new WavFormatException(name, "RIFF size " + riffSize + " bytes exceeds the file ("
                    + (bytes.length - 8L) + " bytes after the RIFF header; truncated or corrupt file)");
        }
        Format fmt = null;
        long pos = 12;
        while (pos + 8 <= bytes.length) {
            int at = (int) pos;
            int id = buf.getInt(at);
            long size = u32(buf, at + 4);
            long body = pos + 8;
            long left = bytes.length - body;
            if (id == 0x61746164) {
                if (fmt == null) {
                    throw new WavFormatException(name, "'data' chunk before 'fmt ' chunk");
                }
                return decode(name, buf, (int) body, dataLength(name, left, size), fmt, channel);
            }
            if (size > left) {
                throw new WavFormatException(name, "chunk '" + chunkName(id) + "' at byte " + pos + " declares "
                        + size + " bytes but the file holds " + left + " after its header");
            }
            if (id == 0x20746d66) {
                if (fmt != null) {
                    throw new WavFormatException(name, "second 'fmt ' chunk at byte " + pos);
                }
                fmt = parseFormat(name, buf, (int) body, size);
            }
            pos = body + size + (size & 1);
        }
        throw new WavFormatException(name, fmt == null ? "no 'fmt ' chunk" : "no 'data' chunk");
    }

    private record Format(int tag, int channels, int rate, int bits) {
    }

    private static long u32(ByteBuffer buf, int at) {
        return buf.getInt(at) & 0xFFFFFFFFL;
    }

    /** A chunk id for messages: printable ASCII as is, anything else as {@code \xNN}. */
    private static String chunkName(int id) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = (id >>> (8 * i)) & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\'' && c != '\\') {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02X", c));
            }
        }
        return b.toString();
    }

    /** Parses a {@code fmt } chunk of {@code size} bytes, all of which are present. */
    private static Format parseFormat(String name, ByteBuffer buf, int body, long size) {
        if (size < 16) {
            throw new WavFormatException(name, "'fmt ' chunk too short (" + size + " bytes, expected: >= 16)");
        }
        int tag = buf.getShort(body) & 0xFFFF;
        int channels = buf.getShort(body + 2) & 0xFFFF;
        long rate = u32(buf, body + 4);
        long byteRate = u32(buf, body + 8);
        int blockAlign = buf.getShort(body + 12) & 0xFFFF;
        int bits = buf.getShort(body + 14) & 0xFFFF;
        if (tag == TAG_EXTENSIBLE) {
            if (size < 40) {
                throw new WavFormatException(name, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk too short (" + size
                        + " bytes, expected: >= 40)");
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
        int frameBytes = channels * bits / 8;
        if (blockAlign != frameBytes) {
            throw new WavFormatException(name, "blockAlign " + blockAlign + " (expected: " + frameBytes + " = "
                    + channels + " channel(s) × " + bits + " bits / 8)");
        }
        // A header that declares one rate and describes another (byteRate = rate × blockAlign) cannot be
        // trusted: the audio would be decoded at the wrong speed and scored as a different voice.
        if (byteRate != rate * frameBytes) {
            throw new WavFormatException(name, "byteRate " + byteRate + " contradicts the declared sample rate "
                    + rate + " Hz (expected: " + rate * frameBytes + " = " + rate + " × blockAlign " + frameBytes
                    + (byteRate % frameBytes == 0 ? "; the byteRate fits " + byteRate / frameBytes + " Hz" : "") + ")");
        }
        return new Format(tag, channels, (int) rate, bits);
    }

    private static int dataLength(String name, long available, long size) {
        // Streaming writers (e.g. sox to a pipe) leave 0 or 0xFFFFFFFF: take what the file holds.
        if (size == 0xFFFFFFFFL || size == 0) {
            return (int) available;
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
