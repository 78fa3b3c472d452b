package dev.voicegate.genesys.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link HttpTransport} on {@code java.net.http.HttpClient} (async, no blocking). */
public final class JdkHttpTransport implements HttpTransport {

    private final HttpClient client;

    public JdkHttpTransport(HttpClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Result> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            Map<String, String> headers = new HashMap<>();
            r.headers().map().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
                }
            });
            return new Result(r.statusCode(), r.body(), headers);
        });
    }
}
