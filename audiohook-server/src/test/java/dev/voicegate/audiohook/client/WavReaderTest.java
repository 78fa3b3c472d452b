package dev.voicegate.audiohook.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicegate.audiohook.audio.MuLaw;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WavReaderTest {

    static byte[] wav(int format, int channels, int rate, int bits, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes()).putInt(data.length).put(data);
        return b.array();
    }

    @Test
    void readsStereoPcm16AsExternalThenInternal() {
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 100).putShort((short) -100)
                .putShort((short) 200).putShort((short) -200).array();
        PcmAudioSource s = WavReader.parse(wav(1, 2, 8000, 16, data), "t.wav");
        short[] ext = new short[4];
        short[] in = new short[4];
        assertThat(s.read(ext, in, 4)).isEqualTo(2);
        assertThat(ext).startsWith((short) 100, (short) 200);
        assertThat(in).startsWith((short) -100, (short) -200);
        assertThat(s.read(ext, in, 4)).isZero();
    }

    @Test
    void readsMonoMuLaw() {
        PcmAudioSource s = WavReader.parse(wav(7, 1, 8000, 8, new byte[] {(byte) 0x80, (byte) 0xFF}), "u.wav");
        short[] ext = new short[2];
        short[] in = new short[2];
        s.read(ext, in, 2);
        assertThat(ext).containsExactly(MuLaw.decode((byte) 0x80), (short) 0);
        assertThat(in).containsExactly((short) 0, (short) 0);
    }

    @Test
    void rejectsOtherRatesAndEncodingsNamingTheProblem() {
        assertThatThrownBy(() -> WavReader.parse(wav(1, 1, 16000, 16, new byte[2]), "x.wav"))
                .hasMessage("x.wav: sample rate 16000 (expected: 8000)");
        assertThatThrownBy(() -> WavReader.parse(wav(3, 1, 8000, 32, new byte[4]), "x.wav"))
                .hasMessageContaining("expected: PCM 16-bit or mu-law 8-bit");
        assertThatThrownBy(() -> WavReader.parse(new byte[10], "x.wav")).hasMessage("x.wav: not a RIFF/WAVE file");
    }

    @Test
    void rejectsHeadersThatContradictTheFile() {
        byte[] riff = wav(1, 1, 8000, 16, new byte[4]);
        ByteBuffer.wrap(riff).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1_000_000);
        assertThatThrownBy(() -> WavReader.parse(riff, "r.wav"))
                .hasMessage("r.wav: RIFF size 1000000 (expected: <= 40, the bytes after the RIFF header)");

        byte[] hugeFmt = wav(1, 1, 8000, 16, new byte[4]);
        ByteBuffer.wrap(hugeFmt).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0x7FFFFFF0);
        assertThatThrownBy(() -> WavReader.parse(hugeFmt, "f.wav"))
                .hasMessage("f.wav: chunk at byte 12 has size 2147483632 (expected: <= 28, the bytes left in the file)");

        byte[] shortFmt = wav(1, 1, 8000, 16, new byte[4]);
        ByteBuffer.wrap(shortFmt).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 8);
        assertThatThrownBy(() -> WavReader.parse(shortFmt, "s.wav")).hasMessage("s.wav: fmt chunk size 8 (expected: >= 16)");

        byte[] align = wav(1, 1, 8000, 16, new byte[4]);
        ByteBuffer.wrap(align).order(ByteOrder.LITTLE_ENDIAN).putShort(32, (short) 0);
        assertThatThrownBy(() -> WavReader.parse(align, "a.wav"))
                .hasMessage("a.wav: blockAlign 0 (expected: 2 = channels x bits / 8, and > 0)");

        byte[] rate = wav(1, 1, 8000, 16, new byte[4]);
        ByteBuffer.wrap(rate).order(ByteOrder.LITTLE_ENDIAN).putInt(28, 8000);
        assertThatThrownBy(() -> WavReader.parse(rate, "b.wav"))
                .hasMessage("b.wav: byteRate 8000 (expected: 16000 = sample rate x blockAlign)");

        byte[] data = wav(1, 1, 8000, 16, new byte[4]);
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 1000);
        assertThatThrownBy(() -> WavReader.parse(data, "d.wav"))
                .hasMessage("d.wav: data chunk size 1000 (expected: <= 4, the bytes left in the file)");
    }
}
