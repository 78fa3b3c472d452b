package dev.voicegate.testing.genesys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fault rules for the fake's REST side: the next {@code times} requests whose method and path match
 * get a status (optionally with {@code Retry-After}) or a delay. Thread-safe.
 */
final class FakeFaults {

    /** What to do to one matching request. status 0 = answer normally (after the delay). */
    record Fault(int status, int retryAfterSeconds, Duration delay) {
    }

    private static final class Rule {
        final String method;
        final Pattern path;
        final Fault fault;
        int remaining;

        Rule(String method, Pattern path, Fault fault, int remaining) {
            this.method = method;
            this.path = path;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    synchronized void add(String method, String pathRegex, Fault fault, int times) {
        if (times <= 0) {
            throw new IllegalArgumentException("times: " + times + " (expected: > 0)");
        }
        rules.add(new Rule(method.toUpperCase(java.util.Locale.ROOT), Pattern.compile(pathRegex), fault, times));
    }

    synchronized Optional<Fault> take(String method, String path) {
        for (var it = rules.iterator(); it.hasNext(); ) {
            Rule r = it.next();
            if ((r.method.equals("*") || r.method.equals(method)) && r.path.matcher(path).matches()) {
                if (--r.remaining == 0) {
                    it.remove();
                }
                return Optional.of(r.fault);
            }
        }
        return Optional.empty();
    }

    synchronized void clear() {
        rules.clear();
    }
}
