package dev.voicegate.core.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} and bare {@code --flag} arguments of the bench tools. */
final class BenchArgs {
    private BenchArgs() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("argument " + (i + 1) + ": '" + args[i] + "' (expected: --name [value])");
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                out.put(name, args[++i]);
            } else {
                out.put(name, "true");
            }
        }
        return out;
    }
}
