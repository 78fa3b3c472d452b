package dev.voicegate.biometrics.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal option parser: {@code --key value} pairs, {@code --flag}s and positional arguments. */
final class Args {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {
    }

    /**
     * @param valued options that take a value; any other {@code --x} is a flag if listed in {@code flags}
     */
    static Args parse(String[] args, String... valued) {
        return parse(args, Set.of(), valued);
    }

    static Args parse(String[] args, Set<String> flags, String... valued) {
        Set<String> withValue = Set.of(valued);
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String s = args[i];
            if (withValue.contains(s)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + s + " needs a value");
                }
                a.options.put(s, args[++i]);
            } else if (flags.contains(s)) {
                a.options.put(s, "true");
            } else if (s.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + s);
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    String get(String key) {
        return options.get(key);
    }

    String getOr(String key, String def) {
        return options.getOrDefault(key, def);
    }

    boolean flag(String key) {
        return options.containsKey(key);
    }

    int intOr(String key, int def) {
        return valueOr(key, def, Integer::valueOf, "an integer");
    }

    double doubleOr(String key, double def) {
        return valueOr(key, def, Double::valueOf, "a number");
    }

    private <T> T valueOr(String key, T def, java.util.function.Function<String, T> parse, String expected) {
        String v = options.get(key);
        if (v == null) {
            return def;
        }
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + ": '" + v + "' (expected: " + expected + ")");
        }
    }

    List<String> positional() {
        return positional;
    }

    /** Parses {@code --channel}: left|right|0|1. */
    int channel() {
        String c = options.getOrDefault("--channel", "0");
        return switch (c) {
            case "0", "left", "mono" -> 0;
            case "1", "right" -> 1;
            default -> throw new IllegalArgumentException("option --channel: '" + c + "' (expected: left|right|0|1)");
        };
    }
}
