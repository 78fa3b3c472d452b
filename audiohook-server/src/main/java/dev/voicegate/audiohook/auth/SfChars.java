package dev.voicegate.audiohook.auth;

/** Character classes of the RFC 8941 grammar (§3). Stateless. */
final class SfChars {

    private SfChars() {
    }

    /** Throws unless {@code key} is a valid RFC 8941 key (§3.1.2). */
    static void checkKey(String key) {
        if (key == null || key.isEmpty() || !(isLcAlpha(key.charAt(0)) || key.charAt(0) == '*')) {
            throw new StructuredFieldException("invalid key: \"" + key + "\"");
        }
        for (int i = 1; i < key.length(); i++) {
            if (!isKeyChar(key.charAt(i))) {
                throw new StructuredFieldException("invalid key: \"" + key + "\"");
            }
        }
    }

    static boolean isTokenStart(char c) {
        return isAlpha(c) || c == '*';
    }

    /** tchar (RFC 9110 §5.6.2) plus ':' and '/'. */
    static boolean isTokenChar(char c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
    }

    static boolean isKeyChar(char c) {
        return isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*';
    }

    static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAlpha(char c) {
        return isLcAlpha(c) || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
