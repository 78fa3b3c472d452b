package dev.voicegate.audiohook.protocol;

import java.util.regex.Pattern;

/**
 * UUID syntax check. Deliberately lenient: any 8-4-4-4-12 hex string of any version and variant
 * is accepted, in any case. The reference accepts only versions 1–5 and the nil UUID (fact sheet
 * §2.2, open question 10); rejecting a v7 id from Genesys would drop a whole call, so we do not.
 */
public final class Uuids {

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Uuids() {
    }

    /** Whether {@code s} has UUID syntax (any version). */
    public static boolean isUuid(String s) {
        return s != null && UUID.matcher(s).matches();
    }
}
