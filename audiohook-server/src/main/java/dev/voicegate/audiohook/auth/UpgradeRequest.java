package dev.voicegate.audiohook.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a WebSocket upgrade request that signature verification reads (fact sheet §1.1, §1.3).
 * Netty-free: the server adapts its HTTP request into this record. Immutable and thread-safe.
 *
 * <p>Header names are normalised to lower case here, so a caller may pass them in any case; values
 * of repeated headers (the same name in any case) are kept in arrival order. The order of different
 * headers does not matter: the covered-component order of {@code signature-input} is what counts.
 *
 * @param method        the HTTP method, e.g. {@code "GET"}
 * @param requestTarget the raw request target, path plus query, e.g. {@code "/api/v1/audiohook/ws?x=1"};
 *                      this is the {@code @request-target} derived component
 * @param authority     the {@code @authority} derived component, or {@code null} to take it from the
 *                      {@code host} header
 * @param headers       header name to its values in arrival order; copied, unmodifiable
 */
public record UpgradeRequest(String method, String requestTarget, String authority,
                             Map<String, List<String>> headers) {

    public UpgradeRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestTarget, "requestTarget");
        headers = normalise(Objects.requireNonNull(headers, "headers"));
    }

    /** All values of a header (name in any case), empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private static Map<String, List<String>> normalise(Map<String, List<String>> headers) {
        Map<String, List<String>> merged = new HashMap<>();
        headers.forEach((name, values) -> {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(values, "values of header " + name);
            List<String> target = merged.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            for (String value : values) {
                target.add(Objects.requireNonNull(value, "value of header " + name));
            }
        });
        Map<String, List<String>> copy = new HashMap<>();
        merged.forEach((name, values) -> {
            if (!values.isEmpty()) {
                copy.put(name, List.copyOf(values));
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
