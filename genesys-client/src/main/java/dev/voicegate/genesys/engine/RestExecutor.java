package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.api.Backoff;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegate.genesys.api.GenesysApiException;
import dev.voicegate.genesys.api.GenesysException;
import dev.voicegate.genesys.api.GenesysOverloadedException;
import dev.voicegate.genesys.config.HttpConfig;
import dev.voicegate.genesys.internal.HttpTransport;
import dev.voicegate.genesys.internal.Scheduler;
import dev.voicegate.genesys.protocol.Dtos;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.DoubleSupplier;

/**
 * Runs REST calls against the Genesys API with the resilience rules of fact sheet §5: client-side
 * rate limit, bounded concurrency, a timeout per attempt, one retry with a new token on 401, 429
 * waits for {@code Retry-After} (capped, bounded count, and pausing every other call too),
 * 502/503/504 and I/O errors retried with jittered exponential backoff, everything else failing at
 * once with the Genesys {@code contextId}. Calls wait in one of two {@link Lane}s that share the rate
 * limit and every 429 pause; channel management goes first and has its own slots (see {@link RequestLanes}).
 * Non-blocking; thread-safe.
 */
public final class RestExecutor {

    private static final Logger log = LoggerFactory.getLogger(RestExecutor.class);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(3);

    /** Where a call waits for its turn. */
    public enum Lane {
        /** Notification channel management: creating channels, setting subscriptions (rotation included). */
        CONTROL,
        /** Everything else: conversation look-ups, attribute write-backs, directory and user checks. */
        CALLS
    }

    /**
     * One call: method, API-relative path (with query), JSON body or null, user token or null (= app token),
     * and its lane.
     */
    public record RestCall(String method, String path, String jsonBody, String userToken, Lane lane) {

        public RestCall {
            if (lane == null) {
                throw new IllegalArgumentException("lane: null (expected: CONTROL or CALLS)");
            }
        }

        /** A call in the {@link Lane#CALLS} lane. */
        public RestCall(String method, String path, String jsonBody, String userToken) {
            this(method, path, jsonBody, userToken, Lane.CALLS);
        }

        String pathOnly() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }
    }

    /** Collaborators (seams for tests). */
    public record Deps(HttpTransport transport, TokenProvider tokens, Scheduler scheduler,
                       java.util.function.LongSupplier ticker, DoubleSupplier random, MeterRegistry meters) {
    }

    private final URI apiBase;
    private final HttpConfig config;
    private final ObjectMapper json;
    private final Deps deps;
    private final RequestLanes lanes;
    private final Backoff backoff;

    public RestExecutor(URI apiBase, HttpConfig config, ObjectMapper json, Deps deps) {
        this.apiBase = apiBase;
        this.config = config;
        this.json = json;
        this.deps = deps;
        this.lanes = new RequestLanes(config.requestsPerMinute(), config.maxConcurrent(), config.maxQueued(),
                deps.scheduler(), deps.ticker());
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), deps.random());
        Gauge.builder("voicegate.genesys.requests.inflight", lanes, RequestLanes::inFlight).register(deps.meters());
        Gauge.builder("voicegate.genesys.requests.queued", lanes, RequestLanes::queued).register(deps.meters());
    }

    private static final class Attempt {
        final RestCall call;
        final CompletableFuture<HttpTransport.Result> result = new CompletableFuture<>();
        int attempt = 1;
        int rateLimited;
        boolean retried401;
        AccessToken token;

        Attempt(RestCall call) {
            this.call = call;
        }
    }

    /** Completes with the 2xx response, or exceptionally with a {@link GenesysException}. */
    public CompletableFuture<HttpTransport.Result> call(RestCall call) {
        Attempt a = new Attempt(call);
        awaitPermit(a);
        return a.result;
    }

    private void awaitPermit(Attempt a) {
        try {
            lanes.submit(a.call.lane(), () -> send(a));
        } catch (GenesysOverloadedException e) {
            count(a, "overloaded");
            a.result.completeExceptionally(e);
        }
    }

    private void send(Attempt a) {
        CompletableFuture<AccessToken> token = a.call.userToken() != null
                ? CompletableFuture.completedFuture(null) : deps.tokens().token();
        token.thenCompose(t -> {
            a.token = t;
            return deps.transport().send(request(a.call, t));
        }).whenComplete((res, err) -> {
            lanes.release(a.call.lane());
            try {
                handle(a, res, err);
            } catch (RuntimeException e) {
                a.result.completeExceptionally(e);
            }
        });
    }

    private HttpRequest request(RestCall call, AccessToken token) {
        URI uri = URI.create(apiBase + call.path());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + (call.userToken() != null ? call.userToken() : token.value()))
                .header("Accept", "application/json")
                .method(call.method(), call.jsonBody() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.jsonBody()));
        if (call.jsonBody() != null) {
            b.header("Content-Type", "application/json");
        }
        if ("http".equals(uri.getScheme())) {
            b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain HTTP (tests, proxies)
        }
        return b.build();
    }

    private void handle(Attempt a, HttpTransport.Result res, Throwable err) {
        if (err != null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof GenesysApiException g && !retryable(g.status())) {
                count(a, "token_error");
                a.result.completeExceptionally(g);
                return;
            }
            retryOrFail(a, null, cause);
            return;
        }
        int s = res.status();
        if (s >= 200 && s < 300) {
            count(a, "success");
            a.result.complete(res);
        } else if (s == 401 && a.call.userToken() == null && !a.retried401) {
            a.retried401 = true;
            deps.tokens().invalidate(a.token);
            count(a, "unauthorized_retry");
            awaitPermit(a);
        } else if (s == 429) {
            rateLimited(a, res);
        } else if (retryable(s)) {
            retryOrFail(a, res, null);
        } else {
            count(a, "client_error");
            a.result.completeExceptionally(apiError(a.call, res, null));
        }
    }

    private static boolean retryable(int status) {
        return status == 502 || status == 503 || status == 504 || status == 429;
    }

    private void rateLimited(Attempt a, HttpTransport.Result res) {
        Duration wait = res.header("retry-after").map(RestExecutor::seconds).orElse(DEFAULT_RETRY_AFTER);
        count(a, "rate_limited");
        if (wait.compareTo(config.maxRetryAfter()) > 0) {
            a.result.completeExceptionally(apiError(a.call, res, "Retry-After " + wait.toSeconds()
                    + " s exceeds the " + config.maxRetryAfter().toSeconds() + " s cap"));
            return;
        }
        if (a.rateLimited >= config.maxRateLimitRetries()) {
            a.result.completeExceptionally(apiError(a.call, res, "still rate limited after "
                    + a.rateLimited + " waits"));
            return;
        }
        a.rateLimited++;
        lanes.pauseFor(wait.toNanos());
        log.warn("[genesys] {} {} rate limited (429); waiting {} s as asked (wait {} of {})", a.call.method(),
                a.call.pathOnly(), wait.toSeconds(), a.rateLimited, config.maxRateLimitRetries());
        awaitPermit(a);
    }

    private void retryOrFail(Attempt a, HttpTransport.Result res, Throwable cause) {
        String what = res != null ? "HTTP " + res.status() : "no response (" + describe(cause) + ")";
        if (a.attempt >= config.maxAttempts()) {
            count(a, res != null ? "server_error" : "io_error");
            a.result.completeExceptionally(res != null
                    ? apiError(a.call, res, "after " + a.attempt + " attempts")
                    : new GenesysException(a.call.method() + " " + a.call.pathOnly() + ": " + what + " after "
                    + a.attempt + " attempts", cause));
            return;
        }
        Duration delay = backoff.delay(a.attempt);
        a.attempt++;
        Counter.builder("voicegate.genesys.requests.retries").tag("reason", res != null ? "server_error" : "io_error")
                .register(deps.meters()).increment();
        log.info("[genesys] {} {}: {}; retry {} of {} in {} ms", a.call.method(), a.call.pathOnly(), what,
                a.attempt - 1, config.maxAttempts() - 1, delay.toMillis());
        deps.scheduler().schedule(() -> awaitPermit(a), delay);
    }

    private GenesysApiException apiError(RestCall call, HttpTransport.Result res, String extra) {
        String code = null;
        String contextId = null;
        String message = null;
        try {
            Dtos.ErrorBody e = json.readValue(res.body(), Dtos.ErrorBody.class);
            code = e.code();
            contextId = e.contextId();
            message = e.message();
        } catch (Exception unreadable) {
            message = res.body().isEmpty() ? null : "unreadable error body";
        }
        String detail = message == null ? extra : extra == null ? message : message + "; " + extra;
        return new GenesysApiException(call.method(), call.pathOnly(), res.status(), code, contextId, detail);
    }

    private static Duration seconds(String header) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    private void count(Attempt a, String outcome) {
        Counter.builder("voicegate.genesys.requests").tag("method", a.call.method()).tag("outcome", outcome)
                .register(deps.meters()).increment();
    }

    /** The cause of a failed exchange, unwrapped from the future's wrappers, with its message. */
    static String describe(Throwable cause) {
        Throwable c = cause;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}
