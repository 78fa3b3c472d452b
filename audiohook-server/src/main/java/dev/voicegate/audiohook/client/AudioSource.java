package dev.voicegate.audiohook.client;

/**
 * PCM16 audio at 8000 Hz for the client to stream. Not thread-safe; read on the client's event loop.
 */
public interface AudioSource {

    /**
     * Reads up to {@code samples} samples per channel into {@code external} and {@code internal}
     * (either may be filled with silence when the source has no such channel).
     *
     * @return samples read per channel; 0 at the end of the source
     */
    int read(short[] external, short[] internal, int samples);
}
