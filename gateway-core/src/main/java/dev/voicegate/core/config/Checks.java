package dev.voicegate.core.config;

import java.time.Duration;

/** Shared validation for config records: defaults for absent values, ranges with messages naming the key. */
final class Checks {
    private Checks() {
    }

    static int port(String key, Integer value, int dflt) {
        int v = value == null ? dflt : value;
        if (v < 0 || v > 65_535) {
            throw ConfigException.invalid(key, v, "0..65535 (0 = chosen by the OS)");
        }
        return v;
    }

    static int positive(String key, Integer value, int dflt) {
        int v = value == null ? dflt : value;
        if (v <= 0) {
            throw ConfigException.invalid(key, v, "> 0");
        }
        return v;
    }

    static double range(String key, Double value, double dflt, double min, double max) {
        double v = value == null ? dflt : value;
        if (!(v >= min && v <= max)) {
            throw ConfigException.invalid(key, v, min + ".." + max);
        }
        return v;
    }

    static Duration positive(String key, Duration value, Duration dflt) {
        Duration v = value == null ? dflt : value;
        Durations.requirePositive(key, v);
        return v;
    }
}
