package dev.voicegate.audiohook.auth;

import java.util.List;
import java.util.Map;

/**
 * An RFC 8941 inner list (§3.1.1): items plus ordered parameters of the list itself.
 * Immutable and thread-safe.
 *
 * @param items      the items, in order; copied, unmodifiable
 * @param parameters parameters in order of first appearance; copied, unmodifiable
 */
public record SfInnerList(List<SfItem> items, Map<String, SfBareItem> parameters) implements SfMember {

    public SfInnerList {
        items = List.copyOf(items);
        parameters = SfItem.copyParameters(parameters);
    }
}
