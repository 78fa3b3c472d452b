package dev.voicegate.biometrics.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {

    @TempDir
    Path dir;

    /** A canonical 44-byte-header WAV with arbitrary format fields and data. */
    private static byte[] wav(int tag, int channels, int rate, int bits, byte[] data, int declaredDataSize) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + data.length).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) tag).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.putInt(0x61746164).putInt(declaredDataSize).put(data);
        return b.array();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] pcmStereo(short... interleaved) {
        ByteBuffer b = ByteBuffer.allocate(interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : interleaved) {
            b.putShort(s);
        }
        return b.array();
    }

    @Test
    void readsPcm16Mono() throws IOException {
        Path p = file("a.wav", WavReader.toWavBytes(new short[] {1, -2, 300}, 8000, false));
        AudioClip c = WavReader.read(p);
        assertThat(c.samples()).containsExactly(1, -2, 300);
        assertThat(c.sampleRate()).isEqualTo(8000);
    }

    @Test
    void readsMuLaw() throws IOException {
        Path p = file("u.wav", wav(7, 1, 8000, 8, new byte[] {(byte) 0xFF, (byte) 0x80, (byte) 0xF0}, 3));
        assertThat(WavReader.read(p).samples()).containsExactly(0, 32124, 120);
    }

    @Test
    void readsTheRequestedStereoChannel() throws IOException {
        Path p = file("s.wav", wav(1, 2, 8000, 16, pcmStereo((short) 1, (short) 10, (short) 2, (short) 20), 8));
        assertThat(WavReader.read(p, 0).samples()).containsExactly(1, 2);
        assertThat(WavReader.read(p, 1).samples()).containsExactly(10, 20);
    }

    @Test
    void resamples16kTo8k() throws IOException {
        short[] tone = new short[16000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (10000 * Math.sin(2 * Math.PI * 500 * i / 16000.0));
        }
        AudioClip c = WavReader.read(file("w.wav", WavReader.toWavBytes(tone, 16000, false)));
        short[] down = c.samples8k();
        assertThat(down).hasSize(8000);
        double peak = 0;
        for (int i = 100; i < down.length; i++) {
            peak = Math.max(peak, Math.abs(down[i]));
        }
        assertThat(peak).isBetween(9500.0, 10500.0);
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> WavReader.read(dir.resolve("nope.wav")))
                .isInstanceOf(WavFormatException.class).hasMessageEndingWith("nope.wav: file not found");
    }

    @Test
    void notRiff() throws IOException {
        Path p = file("t.wav", "hello, this is text".getBytes());
        assertThatThrownBy(() -> WavReader.read(p)).hasMessage(p + ": not a RIFF file (missing 'RIFF' header)");
    }

    @Test
    void emptyFile() throws IOException {
        Path p = file("e.wav", new byte[0]);
        assertThatThrownBy(() -> WavReader.read(p)).hasMessage(p + ": not a RIFF file (missing 'RIFF' header)");
    }

    @Test
    void riffButNotWave() throws IOException {
        byte[] b = wav(1, 1, 8000, 16, new byte[4], 4);
        b[8] = 'A';
        Path p = file("avi.wav", b);
        assertThatThrownBy(() -> WavReader.read(p)).hasMessage(p + ": RIFF file is not WAVE (missing 'WAVE' tag)");
    }

    @Test
    void unsupportedFormatTag() throws IOException {
        Path p = file("f.wav", wav(3, 1, 8000, 32, new byte[8], 8));
        assertThatThrownBy(() -> WavReader.read(p))
                .hasMessage(p + ": unsupported format tag 3 (expected: 1 PCM16 or 7 µ-law)");
    }

    @Test
    void unsupportedBitDepth() throws IOException {
        Path p = file("b.wav", wav(1, 1, 8000, 24, new byte[6], 6));
        assertThatThrownBy(() -> WavReader.read(p)).hasMessage(p + ": unsupported 24-bit PCM (expected: 16-bit)");
    }

    @Test
    void unsupportedSampleRate() throws IOException {
        Path p = file("r.wav", wav(1, 1, 44100, 16, new byte[4], 4));
        assertThatThrownBy(() -> WavReader.read(p))
                .hasMessage(p + ": unsupported sample rate 44100 Hz (expected: 8000|16000)");
    }

    @Test
    void unsupportedChannelCount() throws IOException {
        Path p = file("c.wav", wav(1, 6, 8000, 16, new byte[12], 12));
        assertThatThrownBy(() -> WavReader.read(p)).hasMessage(p + ": unsupported channel count 6 (expected: 1|2)");
    }

    @Test
    void channelNotInFile() throws IOException {
        Path p = file("m.wav", WavReader.toWavBytes(new short[] {1, 2}, 8000, false));
        assertThatThrownBy(() -> WavReader.read(p, 1))
                .hasMessage(p + ": channel 1 requested but the file has 1 channel(s)");
    }

    @Test
    void truncatedData() throws IOException {
        Path p = file("tr.wav", wav(1, 1, 8000, 16, new byte[10], 1000));
        assertThatThrownBy(() -> WavReader.read(p))
                .hasMessage(p + ": truncated 'data' chunk (header says 1000 bytes, file holds 10)");
    }

    @Test
    void noDataChunk() throws IOException {
        byte[] cut = java.util.Arrays.copyOf(wav(1, 1, 8000, 16, new byte[0], 0), 36);
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 28); // RIFF size of what is left
        Path p = file("nd.wav", cut);
        assertThatThrownBy(() -> WavReader.read(p)).hasMessage(p + ": no 'data' chunk");
    }

    @Test
    void noFmtChunk() throws IOException {
        byte[] cut = java.util.Arrays.copyOf(wav(1, 1, 8000, 16, new byte[0], 0), 12);
        ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 4);
        Path p = file("nf.wav", cut);
        assertThatThrownBy(() -> WavReader.read(p)).hasMessage(p + ": no 'fmt ' chunk");
    }

    @Test
    void shortFmtChunk() throws IOException {
        byte[] b = wav(1, 1, 8000, 16, new byte[4], 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 8);
        Path p = file("sf.wav", b);
        assertThatThrownBy(() -> WavReader.read(p)).hasMessage(p + ": 'fmt ' chunk too short (8 bytes, expected: >= 16)");
    }

    @Test
    void emptyDataChunk() throws IOException {
        Path p = file("z.wav", wav(1, 1, 8000, 16, new byte[1], 1));
        assertThatThrownBy(() -> WavReader.read(p)).hasMessage(p + ": no audio samples in 'data' chunk");
    }

    @Test
    void streamingWriterSizesTakeWhatTheFileHolds() throws IOException {
        Path p = file("st.wav", wav(1, 1, 8000, 16, pcmStereo((short) 5, (short) 6), 0xFFFFFFFF));
        assertThat(WavReader.read(p).samples()).containsExactly(5, 6);
    }

    @Test
    void messagesAreOneLine() throws IOException {
        Path p = file("x.wav", "RIFF".getBytes());
        assertThatThrownBy(() -> WavReader.read(p)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    // ---- header fields that contradict the file or each other (issue 11) -----------------------

    /** {@code wav()} with one little-endian int or short patched at {@code offset}. */
    private static byte[] patched(byte[] wav, int offset, int value, boolean isShort) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (isShort) {
            b.putShort(offset, (short) value);
        } else {
            b.putInt(offset, value);
        }
        return wav;
    }

    /** A PCM16 mono 8 kHz file with a chunk {@code id} of {@code declared} bytes before 'fmt '. */
    private static byte[] withChunkBeforeFmt(String id, long declared, int present) {
        byte[] canonical = wav(1, 1, 8000, 16, new byte[40], 40);
        ByteBuffer b = ByteBuffer.allocate(canonical.length + 8 + present).order(ByteOrder.LITTLE_ENDIAN);
        b.put(canonical, 0, 12);
        b.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) declared).put(new byte[present]);
        b.put(canonical, 12, canonical.length - 12);
        b.putInt(4, b.capacity() - 8);
        return b.array();
    }

    @Test
    void aHugeListChunkIsNamedNotSkippedPastTheEnd() throws IOException {
        Path p = file("list.wav", withChunkBeforeFmt("LIST", 0xFFFFFFF0L, 4));
        assertThatThrownBy(() -> WavReader.read(p)).isInstanceOf(WavFormatException.class)
                .hasMessage(p + ": chunk 'LIST' at byte 12 declares 4294967280 bytes but the file holds 76"
                        + " after its header");
    }

    @Test
    void aHugeFmtChunkIsRefused() throws IOException {
        byte[] b = patched(wav(1, 1, 8000, 16, new byte[40], 40), 16, 0x7FFFFFF0, false);
        Path p = file("fmt.wav", b);
        assertThatThrownBy(() -> WavReader.read(p)).isInstanceOf(WavFormatException.class)
                .hasMessage(p + ": chunk 'fmt ' at byte 12 declares 2147483632 bytes but the file holds 64"
                        + " after its header");
    }

    @Test
    void chunkIdsInMessagesAreEscaped() throws IOException {
        Path p = file("esc.wav", withChunkBeforeFmt("\n\u001b[x", 1000, 0));
        assertThatThrownBy(() -> WavReader.read(p)).isInstanceOf(WavFormatException.class)
                .hasMessageContaining("chunk '\\x0A\\x1B[x' at byte 12").hasMessageNotContaining("\n");
    }

    @Test
    void anOversizedRiffSizeIsRefused() throws IOException {
        byte[] b = patched(wav(1, 1, 8000, 16, new byte[40], 40), 4, 1_000_000, false);
        Path p = file("riff.wav", b);
        assertThatThrownBy(() -> WavReader.read(p)).isInstanceOf(WavFormatException.class)
                .hasMessage(p + ": RIFF size 1000000 bytes exceeds the file (76 bytes after the RIFF header;"
                        + " truncated or corrupt file)");
    }

    @Test
    void blockAlignZeroIsRefused() throws IOException {
        Path p = file("ba.wav", patched(wav(1, 1, 8000, 16, new byte[40], 40), 32, 0, true));
        assertThatThrownBy(() -> WavReader.read(p)).isInstanceOf(WavFormatException.class)
                .hasMessage(p + ": blockAlign 0 (expected: 2 = 1 channel(s) × 16 bits / 8)");
    }

    @Test
    void a16kHzHeaderOverAn8kHzByteRateIsRefused() throws IOException {
        // an 8 kHz PCM16 file whose sample-rate field alone was changed to 16000
        Path p = file("16k.wav", patched(wav(1, 1, 8000, 16, new byte[40], 40), 24, 16000, false));
        assertThatThrownBy(() -> WavReader.read(p)).isInstanceOf(WavFormatException.class)
                .hasMessage(p + ": byteRate 16000 contradicts the declared sample rate 16000 Hz (expected: 32000 ="
                        + " 16000 × blockAlign 2; the byteRate fits 8000 Hz)");
        Path u = file("16k-mulaw.wav", patched(wav(7, 1, 8000, 8, new byte[40], 40), 24, 16000, false));
        assertThatThrownBy(() -> WavReader.read(u)).hasMessageContaining("byteRate 8000 contradicts the declared"
                + " sample rate 16000 Hz");
    }

    @Test
    void aStreamingRiffSizeIsStillAccepted() throws IOException {
        byte[] b = patched(wav(1, 1, 8000, 16, new byte[] {1, 0, 2, 0}, 4), 4, -1, false);
        assertThat(WavReader.read(file("stream.wav", b)).samples()).containsExactly(1, 2);
    }
}
