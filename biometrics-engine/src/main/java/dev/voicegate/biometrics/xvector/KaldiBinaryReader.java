package dev.voicegate.biometrics.xvector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Cursor over a Kaldi binary-mode object (after the {@code "\0B"} header), following the layout of
 * Kaldi's {@code io-funcs} and {@code kaldi-matrix}/{@code kaldi-vector} binary I/O: a token is
 * non-blank bytes followed by one space; an integer or float is a size byte (4 or 8) followed by
 * the little-endian value; a bool is one byte {@code T} or {@code F}; a vector is
 * {@code FV}/{@code DV} + size + elements; a matrix is {@code FM}/{@code DM} + rows + cols +
 * row-major elements. Every failure is a {@link KaldiFormatException} naming the file and offset.
 */
final class KaldiBinaryReader {

    private final ByteBuffer buf;
    private final String file;

    KaldiBinaryReader(byte[] data, String file) {
        this.buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        this.file = file;
    }

    String file() {
        return file;
    }

    int position() {
        return buf.position();
    }

    void position(int p) {
        buf.position(p);
    }

    boolean atEnd() {
        return !buf.hasRemaining();
    }

    KaldiFormatException error(String problem) {
        return new KaldiFormatException(file, problem + " (at byte " + buf.position() + ")");
    }

    private KaldiFormatException truncated(String what) {
        return new KaldiFormatException(file, "truncated: file ends inside " + what
                + " (at byte " + buf.position() + " of " + buf.limit() + ")");
    }

    /** Checks the binary-mode header {@code "\0B"}. */
    void expectBinaryHeader(String expectedWhat) {
        if (buf.remaining() < 2 || buf.get(0) != 0 || buf.get(1) != 'B') {
            throw new KaldiFormatException(file, "wrong magic: not a Kaldi binary " + expectedWhat
                    + " (expected the bytes \\0B at the start)");
        }
        buf.position(2);
    }

    void skipBlanks() {
        while (buf.hasRemaining()) {
            byte b = buf.get(buf.position());
            if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
                buf.position(buf.position() + 1);
            } else {
                return;
            }
        }
    }

    String token() {
        skipBlanks();
        int start = buf.position();
        while (buf.hasRemaining()) {
            byte b = buf.get(buf.position());
            if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
                break;
            }
            buf.position(buf.position() + 1);
        }
        if (buf.position() == start || !buf.hasRemaining()) {
            // Kaldi writes every binary token followed by a space: one that runs into the end is cut
            buf.position(start);
            throw truncated("a token");
        }
        return new String(buf.array(), start, buf.position() - start, StandardCharsets.ISO_8859_1);
    }

    String peekToken() {
        int p = buf.position();
        try {
            return token();
        } finally {
            buf.position(p);
        }
    }

    void expectToken(String expected) {
        int p = buf.position();
        String t = token();
        if (!t.equals(expected)) {
            buf.position(p);
            throw error("expected " + expected + ", found " + abbreviate(t));
        }
    }

    /** Next significant byte without consuming it, or -1 at the end. */
    int peekByte() {
        skipBlanks();
        return buf.hasRemaining() ? buf.get(buf.position()) & 0xff : -1;
    }

    int int32(String what) {
        skipBlanks();
        if (buf.remaining() < 5) {
            throw truncated(what);
        }
        int size = buf.get();
        if (size != 4) {
            buf.position(buf.position() - 1);
            throw error(what + ": expected a 4-byte integer, found size byte " + size);
        }
        return buf.getInt();
    }

    float float32(String what) {
        skipBlanks();
        if (buf.remaining() < 1) {
            throw truncated(what);
        }
        int size = buf.get();
        if (size == 4 && buf.remaining() >= 4) {
            return buf.getFloat();
        }
        if (size == 8 && buf.remaining() >= 8) {
            return (float) buf.getDouble();
        }
        if (size == 4 || size == 8) {
            throw truncated(what);
        }
        buf.position(buf.position() - 1);
        throw error(what + ": expected a 4- or 8-byte float, found size byte " + size);
    }

    /** Skips one basic value (size byte + value) and returns its raw bits (low 32 bits for 4-byte). */
    long basicBits(String what) {
        skipBlanks();
        if (buf.remaining() < 1) {
            throw truncated(what);
        }
        int size = buf.get();
        if (size == 4 && buf.remaining() >= 4) {
            return buf.getInt() & 0xffffffffL;
        }
        if (size == 8 && buf.remaining() >= 8) {
            return buf.getLong();
        }
        throw truncated(what);
    }

    boolean bool(String what) {
        skipBlanks();
        if (!buf.hasRemaining()) {
            throw truncated(what);
        }
        byte b = buf.get();
        if (b == 'T') {
            return true;
        }
        if (b == 'F') {
            return false;
        }
        buf.position(buf.position() - 1);
        throw error(what + ": expected a bool (T or F), found byte " + (b & 0xff));
    }

    /** A float or double vector ({@code FV}/{@code DV}), returned as float. */
    float[] vector(String what) {
        String t = token();
        boolean dbl;
        if (t.equals("FV")) {
            dbl = false;
        } else if (t.equals("DV")) {
            dbl = true;
        } else {
            throw error(what + ": expected a vector (FV or DV), found " + abbreviate(t));
        }
        int n = int32(what + " size");
        if (n < 0) {
            throw error(what + ": negative vector size " + n);
        }
        return elements(what, n, dbl);
    }

    /** A float or double matrix ({@code FM}/{@code DM}), row-major, returned as float. */
    Matrix matrix(String what) {
        String t = token();
        boolean dbl;
        if (t.equals("FM")) {
            dbl = false;
        } else if (t.equals("DM")) {
            dbl = true;
        } else if (t.equals("CM") || t.equals("CM2") || t.equals("CM3")) {
            throw error(what + ": compressed matrices (" + t + ") are not supported");
        } else {
            throw error(what + ": expected a matrix (FM or DM), found " + abbreviate(t));
        }
        int rows = int32(what + " rows");
        int cols = int32(what + " cols");
        if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE / 8) {
            throw error(what + ": impossible matrix size " + rows + "x" + cols);
        }
        return new Matrix(rows, cols, elements(what, rows * cols, dbl));
    }

    private float[] elements(String what, int n, boolean dbl) {
        int bytes = n * (dbl ? 8 : 4);
        if (buf.remaining() < bytes) {
            throw truncated(what + " (needs " + bytes + " bytes of data, " + buf.remaining() + " left)");
        }
        float[] out = new float[n];
        if (dbl) {
            for (int i = 0; i < n; i++) {
                out[i] = (float) buf.getDouble();
            }
        } else {
            buf.asFloatBuffer().get(out);
            buf.position(buf.position() + bytes);
        }
        return out;
    }

    static String abbreviate(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 40 ? "'" + clean.substring(0, 40) + "…'" : "'" + clean + "'";
    }

    /** A dense row-major float matrix. */
    record Matrix(int rows, int cols, float[] data) {
    }
}
