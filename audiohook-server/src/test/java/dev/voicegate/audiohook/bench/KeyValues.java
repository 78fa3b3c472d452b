package dev.voicegate.audiohook.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named numbers sent from the server JVM to the load tool as one line: {@code key=value key=value}.
 * Keys are words without {@code =} or spaces; values are decimal numbers. Not thread-safe.
 */
final class KeyValues {

    private final Map<String, Double> values = new LinkedHashMap<>();

    KeyValues put(String key, double value) {
        if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("key: \"" + key + "\" (expected: a word without '=' or ' ')");
        }
        values.put(key, value);
        return this;
    }

    /** The value of {@code key}; fails naming the key when the server did not send it. */
    double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("server stats: no " + key + " in " + values.keySet());
        }
        return v;
    }

    /** Whether the server sent {@code key} (a remote server without a process id sends no CPU or memory figures). */
    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value of {@code key}, or {@code fallback} when absent. */
    double get(String key, double fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** The entries whose key starts with {@code prefix}, formatted (empty string when none). */
    String startingWith(String prefix) {
        KeyValues out = new KeyValues();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out.values.isEmpty() ? "none" : out.format();
    }

    String format() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(k).append('=');
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                b.append((long) (double) v);
            } else {
                b.append(v);
            }
        });
        return b.toString();
    }

    /** Parses {@link #format()}'s output; a malformed pair fails with the pair in the message. */
    static KeyValues parse(String line) {
        KeyValues kv = new KeyValues();
        for (String pair : line.trim().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("server stats: \"" + pair + "\" (expected: key=number)");
            }
            try {
                kv.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("server stats: \"" + pair + "\" (expected: key=number)", e);
            }
        }
        return kv;
    }
}
