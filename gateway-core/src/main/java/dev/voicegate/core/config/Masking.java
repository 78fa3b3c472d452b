package dev.voicegate.core.config;

import java.util.regex.Pattern;

/** Decides which config values are secrets and how they are shown in logs. */
public final class Masking {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|token|privatekey|encryptionkey|keys?material).*");

    private Masking() {
    }

    /** Whether a key (its last path segment) names a secret. */
    public static boolean isSecretKey(String leafName) {
        return SECRET_NAME.matcher(leafName).matches();
    }

    /** Shows the first 4 characters of an identifier that is sensitive but needed for diagnosis (e.g. an API key). */
    public static String partial(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 6 ? "****" : value.substring(0, 4) + "…(" + value.length() + " chars)";
    }
}
