package dev.voicegate.audiohook.audio;

import dev.voicegate.audiohook.api.AudioEncoding;
import dev.voicegate.audiohook.api.Channel;
import dev.voicegate.audiohook.api.MediaFormat;

/**
 * Encodes PCM16 channels to one interleaved AudioHook binary frame (fact sheet §4) of a media format:
 * PCMU through {@link MuLaw#encode}, L16 little-endian (as the reference client sends it), channels
 * in the format's order. The inverse of {@link AudioFrameDecoder}. It fills a reused byte array, so
 * the caller copies the frame with one bulk write. One instance per stream; not thread-safe.
 */
public final class FrameEncoder {

    private final MediaFormat format;
    private final boolean firstIsExternal;
    private final boolean secondIsExternal;
    private byte[] bytes = new byte[0];

    /** @param format the media of the stream ({@link MediaFormat} guarantees one or two channels) */
    public FrameEncoder(MediaFormat format) {
        this.format = format;
        this.firstIsExternal = format.channels().get(0) == Channel.EXTERNAL;
        this.secondIsExternal = format.channels().get(format.channels().size() - 1) == Channel.EXTERNAL;
    }

    /**
     * Encodes the first {@code samples} samples of each channel the format carries.
     *
     * @param external customer samples (read when the format has the external channel)
     * @param internal agent samples (read when the format has the internal channel)
     * @return the frame length in bytes, readable from {@link #bytes()} until the next call
     */
    public int encode(short[] external, short[] internal, int samples) {
        int length = samples * format.bytesPerFrame();
        if (bytes.length < length) {
            bytes = new byte[length];
        }
        short[] first = firstIsExternal ? external : internal;
        short[] second = secondIsExternal ? external : internal;
        boolean stereo = format.channels().size() == 2;
        if (format.encoding() == AudioEncoding.PCMU) {
            if (stereo) {
                for (int i = 0, p = 0; i < samples; i++, p += 2) {
                    bytes[p] = MuLaw.encode(first[i]);
                    bytes[p + 1] = MuLaw.encode(second[i]);
                }
            } else {
                for (int i = 0; i < samples; i++) {
                    bytes[i] = MuLaw.encode(first[i]);
                }
            }
        } else {
            int step = stereo ? 4 : 2;
            writeL16(first, samples, 0, step);
            if (stereo) {
                writeL16(second, samples, 2, step);
            }
        }
        return length;
    }

    /** The frame of the last {@link #encode} call (a reused array, longer than the frame). */
    public byte[] bytes() {
        return bytes;
    }

    private void writeL16(short[] in, int samples, int start, int step) {
        for (int i = 0, p = start; i < samples; i++, p += step) {
            bytes[p] = (byte) in[i];
            bytes[p + 1] = (byte) (in[i] >> 8);
        }
    }
}
