package dev.voicegate.audiohook.api;

/** Audio sample formats AudioHook v2 defines (fact sheet §2.4, §4). Both run at 8000 Hz. */
public enum AudioEncoding {
    /** G.711 µ-law, one byte per sample per channel. */
    PCMU,
    /** Signed 16-bit linear PCM, two bytes per sample per channel. */
    L16;

    /** Bytes per sample of one channel. */
    public int bytesPerSample() {
        return this == PCMU ? 1 : 2;
    }

    /**
     * Parses the wire name ({@code "PCMU"} or {@code "L16"}, case-sensitive as in the reference).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static AudioEncoding fromWire(String name) {
        if ("PCMU".equals(name)) {
            return PCMU;
        }
        if ("L16".equals(name)) {
            return L16;
        }
        throw new IllegalArgumentException("format: " + name + " (expected: PCMU|L16)");
    }
}
