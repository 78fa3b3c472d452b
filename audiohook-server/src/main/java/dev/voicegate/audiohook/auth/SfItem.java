package dev.voicegate.audiohook.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 8941 item (§3.3): a bare item plus ordered parameters. Immutable and thread-safe.
 *
 * @param value      the bare item
 * @param parameters parameters in order of first appearance; copied, unmodifiable
 */
public record SfItem(SfBareItem value, Map<String, SfBareItem> parameters) implements SfMember {

    public SfItem {
        Objects.requireNonNull(value, "value");
        parameters = SfItem.copyParameters(parameters);
    }

    /** An item without parameters. */
    public static SfItem of(SfBareItem value) {
        return new SfItem(value, Map.of());
    }

    static Map<String, SfBareItem> copyParameters(Map<String, SfBareItem> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.isEmpty()) {
            return Map.of();
        }
        Map<String, SfBareItem> copy = new LinkedHashMap<>();
        parameters.forEach((key, v) -> {
            SfChars.checkKey(key);
            copy.put(key, Objects.requireNonNull(v, "parameter " + key));
        });
        return Collections.unmodifiableMap(copy);
    }
}
