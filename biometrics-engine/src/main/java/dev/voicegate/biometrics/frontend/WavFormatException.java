package dev.voicegate.biometrics.frontend;

/** A WAV file that cannot be read; the message is one line naming the file and the problem. */
public final class WavFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WavFormatException(String file, String problem) {
        super(file + ": " + problem);
    }
}
