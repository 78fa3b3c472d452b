package dev.voicegate.core.demo;

import dev.voicegate.core.config.ConfigException;
import dev.voicegate.core.config.Durations;

import java.time.Duration;
import java.util.Optional;

/**
 * Options of {@code voicegate demo}.
 *
 * @param duration how long calls keep coming (counted from the first call, after the few seconds of
 *                 start-up and enrollment), then stop and print the summary; empty = until Ctrl-C
 * @param seed     seed of every random choice (who calls when, which agent answers, event timing)
 * @param portBase AudioHook on this port, the agent app on +1, admin on +2; 0 = ports chosen by the OS
 */
public record DemoOptions(Optional<Duration> duration, long seed, int portBase) {
    public static final String USAGE = "usage: voicegate demo [--duration 30s] [--seed N] [--port-base PORT]";
    public static final long DEFAULT_SEED = 20261122L;

    public DemoOptions {
        duration.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("--duration: " + Durations.format(d) + " (expected: > 0, e.g. 30s)");
            }
        });
        if (portBase != 0 && (portBase < 1024 || portBase > 65_533)) {
            throw new IllegalArgumentException("--port-base: " + portBase + " (expected: 0 or 1024..65533; uses PORT, PORT+1, PORT+2)");
        }
    }

    /** Parses the command line; throws {@link IllegalArgumentException} naming the bad option. */
    public static DemoOptions parse(String[] args) {
        Optional<Duration> duration = Optional.empty();
        long seed = DEFAULT_SEED;
        int portBase = 0;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.equals("--duration") && !name.equals("--seed") && !name.equals("--port-base")) {
                throw new IllegalArgumentException("unknown option '" + name + "' (" + USAGE + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + ": missing value (" + USAGE + ")");
            }
            String value = args[++i];
            switch (name) {
                case "--duration" -> duration = Optional.of(duration(value));
                case "--seed" -> seed = number(name, value);
                default -> portBase = Math.toIntExact(Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number(name, value))));
            }
        }
        return new DemoOptions(duration, seed, portBase);
    }

    private static Duration duration(String value) {
        try {
            return Durations.parse("--duration", value);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("--duration: '" + value + "' (expected: a duration such as 30s, 2m or 1h)");
        }
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: an integer)");
        }
    }

    /** The port of one surface: 0 when the OS chooses. */
    int port(int offset) {
        return portBase == 0 ? 0 : portBase + offset;
    }
}
