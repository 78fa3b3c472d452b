package dev.voicegate.notifier.auth;

import dev.voicegate.notifier.api.AgentPrincipal;
import dev.voicegate.notifier.api.TokenValidator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Decorates a (remote) {@link TokenValidator} with a brief, bounded cache so that reconnecting
 * clients do not cost a Genesys {@code /api/v2/users/me} call each.
 *
 * <ul>
 *   <li>Keyed by the SHA-256 of the token: raw tokens are not kept in memory.</li>
 *   <li>A successful validation is reused for {@code ttl} after it completed; concurrent validations
 *       of the same token share one delegate call.</li>
 *   <li>Failures are not cached (the next attempt asks the delegate again).</li>
 *   <li>At most {@code maxEntries}; the least recently used entry is evicted.</li>
 *   <li>Self-issued local tokens ({@link LocalTokenService#isLocalToken}) are never cached: their
 *       validation is CPU-only, and re-checking expiry and the maximum lifetime on every upgrade means
 *       a cached success can never outlive the token.</li>
 * </ul>
 * Thread-safe (one short lock); never blocks. Metrics via {@link #bindTo}:
 * {@code voicegate.notifier.token.cache} (tag {@code result=hit|miss}) and
 * {@code voicegate.notifier.token.cache.size}.
 */
public final class CachingTokenValidator implements TokenValidator, MeterBinder {

    private final TokenValidator delegate;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier ticker;
    private final Map<String, Entry> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param delegate   the validator to ask on a miss
     * @param ttl        how long a success is reused (&gt; 0, e.g. 60 s)
     * @param maxEntries cache bound (&gt; 0)
     * @param ticker     monotonic nanoseconds
     */
    public CachingTokenValidator(TokenValidator delegate, Duration ttl, int maxEntries, LongSupplier ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("agent.tokenCache.ttl: " + ttl + " (expected: > 0)");
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("agent.tokenCache.maxEntries: " + maxEntries + " (expected: > 0)");
        }
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public CompletionStage<AgentPrincipal> validate(String token) {
        if (LocalTokenService.isLocalToken(token)) {
            try {
                return Objects.requireNonNull(delegate.validate(token), "token validator returned null");
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        String key = digest(token);
        CompletableFuture<AgentPrincipal> mine;
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && (e.expiresAtNanos == Long.MAX_VALUE || ticker.getAsLong() - e.expiresAtNanos < 0)) {
                hits.incrementAndGet();
                return e.future.copy();
            }
            misses.incrementAndGet();
            mine = new CompletableFuture<>();
            put(key, new Entry(mine));
        }
        try {
            Objects.requireNonNull(delegate.validate(token), "token validator returned null")
                    .whenComplete((principal, error) -> complete(key, mine, principal, error));
        } catch (RuntimeException e) {
            complete(key, mine, null, e); // never leave an in-flight entry that nobody will complete
        }
        return mine.copy();
    }

    private void complete(String key, CompletableFuture<AgentPrincipal> mine, AgentPrincipal principal,
                          Throwable error) {
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && e.future == mine) {
                if (error == null) {
                    e.expiresAtNanos = ticker.getAsLong() + ttlNanos;
                } else {
                    entries.remove(key);
                }
            }
        }
        if (error == null) {
            mine.complete(principal);
        } else {
            mine.completeExceptionally(error instanceof java.util.concurrent.CompletionException c
                    && c.getCause() != null ? c.getCause() : error);
        }
    }

    private void put(String key, Entry entry) {
        entries.put(key, entry);
        var it = entries.entrySet().iterator();
        while (entries.size() > maxEntries && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** Entries currently cached (including in-flight validations). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Validations answered from the cache so far. */
    public long hits() {
        return hits.get();
    }

    /** Validations that went to the delegate so far. */
    public long misses() {
        return misses.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("voicegate.notifier.token.cache", hits, AtomicLong::get).tag("result", "hit")
                .register(registry);
        FunctionCounter.builder("voicegate.notifier.token.cache", misses, AtomicLong::get).tag("result", "miss")
                .register(registry);
        Gauge.builder("voicegate.notifier.token.cache.size", this, CachingTokenValidator::size).register(registry);
    }

    private static String digest(String token) {
        Objects.requireNonNull(token, "token");
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static final class Entry {
        final CompletableFuture<AgentPrincipal> future;
        /** Long.MAX_VALUE while the delegate has not answered. */
        long expiresAtNanos = Long.MAX_VALUE;

        Entry(CompletableFuture<AgentPrincipal> future) {
            this.future = future;
        }
    }
}
