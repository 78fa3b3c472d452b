package dev.voicegate.core.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Named readiness checks behind {@code /readyz}. Ready when every check is true and no shutdown has
 * begun. Thread-safe: components register at start-up; probes read from the admin event loop.
 */
public final class Readiness {
    private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    public void register(String component, BooleanSupplier ready) {
        checks.put(component, ready);
    }

    /** Readiness goes off at once and stays off (orchestrators stop routing new work). */
    public void shutdownStarted() {
        shuttingDown = true;
    }

    public boolean ready() {
        return !shuttingDown && checks.values().stream().allMatch(BooleanSupplier::getAsBoolean);
    }

    /** Each component's state, for the response body. */
    public Map<String, Boolean> snapshot() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        checks.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> m.put(e.getKey(), e.getValue().getAsBoolean()));
        m.put("notShuttingDown", !shuttingDown);
        return m;
    }
}
