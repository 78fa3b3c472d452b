package dev.voicegate.genesys.internal;

import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Sends one HTTP request asynchronously. The JDK client in production; fakes in unit tests. */
@FunctionalInterface
public interface HttpTransport {

    /** A response: status, body text (never null), and headers with lower-case names (first values). */
    record Result(int status, String body, Map<String, String> headers) {
        public Result {
            body = body == null ? "" : body;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** Completes with the response, or exceptionally with an I/O error or {@code HttpTimeoutException}. */
    CompletableFuture<Result> send(HttpRequest request);
}
