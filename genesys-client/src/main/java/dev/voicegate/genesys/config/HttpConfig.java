package dev.voicegate.genesys.config;

import java.time.Duration;

/**
 * REST behaviour of the client (fact sheet §5): timeouts, bounded concurrency, the client-side rate
 * limit and the retry policy. Immutable; validated on construction.
 *
 * @param connectTimeout       TCP/TLS connect timeout
 * @param requestTimeout       timeout of one HTTP attempt (every call has one)
 * @param maxConcurrent        requests in flight at once
 * @param maxQueued            requests waiting for a slot; beyond this calls fail with
 *                             {@code GenesysOverloadedException}
 * @param requestsPerMinute    client-side rate limit; keep under Genesys' 300/min per token
 * @param maxAttempts          attempts for 502/503/504 and I/O errors (1 = no retry)
 * @param initialBackoff       first backoff; doubles per attempt with jitter
 * @param maxBackoff           backoff cap
 * @param maxRetryAfter        a 429 asking to wait longer than this fails at once
 * @param maxRateLimitRetries  how many 429s one call may wait out before failing
 * @param tokenRefreshFraction fraction of the token lifetime after which it is refreshed (0.5–0.95)
 */
public record HttpConfig(Duration connectTimeout, Duration requestTimeout, int maxConcurrent, int maxQueued,
                         int requestsPerMinute, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                         Duration maxRetryAfter, int maxRateLimitRetries, double tokenRefreshFraction) {

    public HttpConfig {
        positive("genesys.http.connectTimeout", connectTimeout);
        positive("genesys.http.requestTimeout", requestTimeout);
        atLeast("genesys.http.maxConcurrent", maxConcurrent, 1);
        atLeast("genesys.http.maxQueued", maxQueued, 0);
        if (requestsPerMinute < 1 || requestsPerMinute > 300) {
            throw new IllegalArgumentException("genesys.http.requestsPerMinute: " + requestsPerMinute
                    + " (expected: 1..300, the per-token Genesys limit)");
        }
        atLeast("genesys.http.maxAttempts", maxAttempts, 1);
        positive("genesys.http.initialBackoff", initialBackoff);
        positive("genesys.http.maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("genesys.http.maxBackoff: " + maxBackoff
                    + " (expected: >= initialBackoff " + initialBackoff + ")");
        }
        positive("genesys.http.maxRetryAfter", maxRetryAfter);
        atLeast("genesys.http.maxRateLimitRetries", maxRateLimitRetries, 0);
        if (!(tokenRefreshFraction >= 0.5 && tokenRefreshFraction <= 0.95)) {
            throw new IllegalArgumentException("genesys.http.tokenRefreshFraction: " + tokenRefreshFraction
                    + " (expected: 0.5..0.95)");
        }
    }

    /** 5 s connect, 10 s per attempt, 8 concurrent, 256 queued, 240/min, 4 attempts 0.5 s..8 s, 429 cap 60 s. */
    public static HttpConfig defaults() {
        return new HttpConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), 8, 256, 240, 4,
                Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60), 5, 0.8);
    }

    public HttpConfig withRequestTimeout(Duration timeout) {
        return new HttpConfig(connectTimeout, timeout, maxConcurrent, maxQueued, requestsPerMinute, maxAttempts,
                initialBackoff, maxBackoff, maxRetryAfter, maxRateLimitRetries, tokenRefreshFraction);
    }

    public HttpConfig withConcurrency(int concurrent, int queued) {
        return new HttpConfig(connectTimeout, requestTimeout, concurrent, queued, requestsPerMinute, maxAttempts,
                initialBackoff, maxBackoff, maxRetryAfter, maxRateLimitRetries, tokenRefreshFraction);
    }

    public HttpConfig withRetry(int attempts, Duration initial, Duration max) {
        return new HttpConfig(connectTimeout, requestTimeout, maxConcurrent, maxQueued, requestsPerMinute, attempts,
                initial, max, maxRetryAfter, maxRateLimitRetries, tokenRefreshFraction);
    }

    static void positive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + ": " + d + " (expected: > 0)");
        }
    }

    static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: >= " + min + ")");
        }
    }
}
