package dev.voicegate.biometrics.xvector.backend;

/** A back-end file that cannot be read: the message names the source and what is wrong with it. */
public final class BackendFormatException extends RuntimeException {

    public BackendFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
