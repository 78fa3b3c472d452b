package dev.voicegate.audiohook.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Function;

/** Typed reads from a Jackson tree that fail with a message naming the field path. */
final class JsonFields {

    private final String prefix;

    JsonFields(String prefix) {
        this.prefix = prefix;
    }

    RuntimeException missing(String path) {
        return new IllegalArgumentException(prefix + "missing field '" + path + "'");
    }

    RuntimeException invalid(String path, String expected) {
        return new IllegalArgumentException(prefix + "invalid field '" + path + "' (expected: " + expected + ")");
    }

    JsonNode required(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw missing(path);
        }
        return n;
    }

    String text(JsonNode parent, String name, String path) {
        JsonNode n = required(parent, name, path);
        if (!n.isTextual()) {
            throw invalid(path, "string");
        }
        return n.textValue();
    }

    String optionalText(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? null : text(parent, name, path);
    }

    long nonNegativeLong(JsonNode parent, String name, String path) {
        JsonNode n = required(parent, name, path);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw invalid(path, "integer >= 0");
        }
        return n.longValue();
    }

    String uuid(JsonNode parent, String name, String path) {
        String s = text(parent, name, path);
        if (!Uuids.isUuid(s)) {
            throw invalid(path, "UUID");
        }
        return s;
    }

    Duration duration(JsonNode parent, String name, String path) {
        String s = text(parent, name, path);
        if (!Durations.isValid(s)) {
            throw invalid(path, "duration PT<seconds>S");
        }
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            // Syntactically valid but beyond what a Duration holds in nanoseconds (~292 years).
            throw invalid(path, "duration PT<seconds>S of at most " + Long.MAX_VALUE / 1_000_000_000L + " seconds");
        }
    }

    Duration optionalDuration(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? null : duration(parent, name, path);
    }

    JsonNode object(JsonNode parent, String name, String path) {
        JsonNode n = required(parent, name, path);
        if (!n.isObject()) {
            throw invalid(path, "object");
        }
        return n;
    }

    JsonNode array(JsonNode parent, String name, String path) {
        JsonNode n = required(parent, name, path);
        if (!n.isArray()) {
            throw invalid(path, "array");
        }
        return n;
    }

    <T> T enumValue(JsonNode parent, String name, String path, Function<String, T> parser, String expected) {
        String s = text(parent, name, path);
        try {
            return parser.apply(s);
        } catch (IllegalArgumentException e) {
            throw invalid(path, expected);
        }
    }
}
