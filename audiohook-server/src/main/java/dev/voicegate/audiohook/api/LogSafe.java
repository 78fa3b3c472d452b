package dev.voicegate.audiohook.api;

/**
 * Makes a client-supplied value safe to put in a log line: no value can end the line, start a fake
 * one, or drive the operator's terminal. Control characters (C0, DEL, C1 including the 8-bit CSI),
 * the Unicode line and paragraph separators and the backslash are written as escapes ({@code \n},
 * {@code \r}, {@code \t}, {@code \\}, others as a backslash, {@code u} and four hex digits); values longer than {@value #MAX_CHARS}
 * characters are cut and say how much was left out. Stateless and thread-safe.
 *
 * <p>Use it for every value that came from a peer (message fields, header values, ids, reasons) and
 * for exception messages that may quote such a value; not for values the server produced itself.
 */
public final class LogSafe {

    /** Longest part of a value that is logged. */
    public static final int MAX_CHARS = 256;

    private LogSafe() {
    }

    /** The escaped, bounded text of {@code value} ({@code "null"} for null). */
    public static String escape(Object value) {
        String s = String.valueOf(value);
        int n = Math.min(s.length(), MAX_CHARS);
        StringBuilder out = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + 16).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (out == null && n == s.length()) {
            return s;
        }
        if (out == null) {
            out = new StringBuilder(n + 16).append(s, 0, n);
        }
        if (n < s.length()) {
            out.append("...(+").append(s.length() - n).append(" chars)");
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\\' || c == '\u2028' || c == '\u2029';
    }
}
