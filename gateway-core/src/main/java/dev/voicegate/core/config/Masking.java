package dev.voicegate.core.config;

import java.util.regex.Pattern;

/** Decides which config values are secrets and how they are shown in logs. */
public final class Masking {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passphrase|privatekey|keymaterial|pseudonymkey).*");
    /**
     * Keys whose leaf name says nothing but that hold key material: {@code biometrics.encryptionKeys[0].key},
     * the admin API's bearer token {@code admin.token}.
     */
    private static final Pattern SECRET_PATH = Pattern.compile("(?i)(.*\\.)?encryptionKeys\\[\\d+]\\.key|admin\\.token");

    private Masking() {
    }

    /** Whether a key (its last path segment) names a secret. */
    public static boolean isSecretKey(String leafName) {
        return SECRET_NAME.matcher(leafName).matches();
    }

    /** Whether the value at a full key path ({@code section.key[0].leaf}) is a secret. */
    public static boolean isSecretPath(String path) {
        int dot = path.lastIndexOf('.');
        return SECRET_PATH.matcher(path).matches() || isSecretKey(dot < 0 ? path : path.substring(dot + 1));
    }

    /** Shows the first 4 characters of an identifier that is sensitive but needed for diagnosis (e.g. an API key). */
    public static String partial(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 6 ? "****" : value.substring(0, 4) + "…(" + value.length() + " chars)";
    }
}
