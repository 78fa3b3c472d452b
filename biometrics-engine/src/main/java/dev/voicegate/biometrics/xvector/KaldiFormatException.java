package dev.voicegate.biometrics.xvector;

/**
 * A Kaldi model file (nnet3 network, vector or matrix) that cannot be read or is not the model we
 * expect. The message is one line: the file, then the problem (with the byte offset when known).
 */
public final class KaldiFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KaldiFormatException(String file, String problem) {
        super(file + ": " + problem);
    }

    public KaldiFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
