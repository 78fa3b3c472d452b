package dev.voicegate.audiohook.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line of {@link AudioHookLoad}: {@code <scenario> [--name value]...}. Every option has a
 * default per scenario; an unknown scenario or option, a missing value or a bad number fails with a
 * message naming it. Immutable.
 */
record LoadArgs(String scenario, Map<String, String> options) {

    static final List<String> SCENARIOS = List.of("open-rate", "stream", "paused");

    LoadArgs {
        options = Map.copyOf(options);
    }

    static LoadArgs parse(String... args) {
        if (args.length == 0 || !SCENARIOS.contains(args[0])) {
            throw new IllegalArgumentException("scenario: " + (args.length == 0 ? "(none)" : "\"" + args[0] + "\"")
                    + " (expected: one of " + SCENARIOS + ")");
        }
        Map<String, String> values = defaults(args[0]);
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !values.containsKey(name.substring(2))) {
                throw new IllegalArgumentException("option: \"" + name + "\" (expected: one of --"
                        + String.join(", --", values.keySet()) + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + ": missing value");
            }
            values.put(name.substring(2), args[i + 1]);
        }
        LoadArgs parsed = new LoadArgs(args[0], values);
        for (String n : List.of("sessions", "rate", "ramp-rate", "duration", "settle", "client-threads", "ping",
                "max-seconds")) {
            if (values.containsKey(n)) {
                parsed.positive(n);
            }
        }
        parsed.number("io-threads");
        if (values.containsKey("warmup")) {
            parsed.number("warmup");
        }
        int priority = parsed.integer("priority");
        if (priority < -20 || priority > 19) {
            throw new IllegalArgumentException("--priority: " + priority + " (expected: -20..19)");
        }
        parsed.url();
        parsed.number("server-pid");
        if (parsed.url().isEmpty() && parsed.number("server-pid") != 0) {
            throw new IllegalArgumentException("--server-pid: " + parsed.string("server-pid")
                    + " (expected: only with --url; the tool knows the pid of the server it starts)");
        }
        parsed.bool("insecure");
        return parsed;
    }

    private static Map<String, String> defaults(String scenario) {
        Map<String, String> d = new LinkedHashMap<>();
        switch (scenario) {
            case "open-rate" -> {
                d.put("rate", "100");
                d.put("warmup", "10");
                d.put("duration", "30");
            }
            case "stream" -> {
                d.put("sessions", "1000");
                d.put("ramp-rate", "200");
                d.put("warmup", "20");
                d.put("duration", "60");
            }
            default -> {
                d.put("sessions", "1000");
                d.put("ramp-rate", "500");
                d.put("settle", "12");
                d.put("duration", "30");
            }
        }
        d.put("server-xmx", "512m");
        d.put("io-threads", "2");
        d.put("client-threads", "2");
        d.put("ping", "5");
        d.put("jfr", "");
        d.put("max-seconds", "300");
        d.put("priority", "0");
        d.put("url", "");
        d.put("api-key", BenchServerMain.KEY);
        d.put("secret", BenchServerMain.SECRET);
        d.put("organization-id", "");
        d.put("server-pid", "0");
        d.put("insecure", "false");
        return d;
    }

    String string(String name) {
        return options.get(name);
    }

    /** {@code --url}: empty (the tool starts its own server) or a {@code ws://}/{@code wss://} URL with a host. */
    java.util.Optional<java.net.URI> url() {
        String v = options.get("url");
        if (v.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            java.net.URI u = new java.net.URI(v);
            if (("ws".equalsIgnoreCase(u.getScheme()) || "wss".equalsIgnoreCase(u.getScheme())) && u.getHost() != null) {
                return java.util.Optional.of(u);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("--url: \"" + v + "\" (expected: ws://host[:port]/path or wss://host[:port]/path)");
    }

    /** A {@code true}/{@code false} option. */
    boolean bool(String name) {
        String v = options.get(name);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("--" + name + ": \"" + v + "\" (expected: true or false)");
        }
        return Boolean.parseBoolean(v);
    }

    /** An integer option, any sign. */
    int integer(String name) {
        String v = options.get(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": \"" + v + "\" (expected: an integer)");
        }
    }

    /** A non-negative integer option. */
    int number(String name) {
        String v = options.get(name);
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": \"" + v + "\" (expected: an integer >= 0)");
        }
    }

    /** A positive integer option. */
    int positive(String name) {
        int n = number(name);
        if (n == 0) {
            throw new IllegalArgumentException("--" + name + ": 0 (expected: > 0)");
        }
        return n;
    }
}
