package dev.voicegate.audiohook.auth;

import java.util.Map;

/**
 * A member of an RFC 8941 list or dictionary (§3.1, §3.2): an {@link SfItem} or an {@link SfInnerList}.
 * Both carry ordered parameters. Immutable and thread-safe.
 */
public sealed interface SfMember permits SfItem, SfInnerList {

    /** Parameters in the order they first appeared (RFC 8941 §3.1.2); unmodifiable. */
    Map<String, SfBareItem> parameters();
}
