package dev.voicegate.genesys.engine;

import dev.voicegate.genesys.internal.HttpTransport;

import java.net.http.HttpRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Scripted HTTP: token requests get fresh tokens; other requests take the next scripted answer. */
final class FakeTransport implements HttpTransport {

    final List<HttpRequest> requests = new ArrayList<>();
    final Deque<Function<HttpRequest, CompletableFuture<Result>>> script = new ArrayDeque<>();
    final List<CompletableFuture<Result>> pendingTokens = new ArrayList<>();
    boolean holdTokens;
    long tokenLifetimeSeconds = 100;
    int tokensIssued;

    static Result json(int status, String body) {
        return new Result(status, body, Map.of("content-type", "application/json"));
    }

    static Result error(int status, String code, String contextId) {
        return json(status, "{\"message\":\"m\",\"code\":\"" + code + "\",\"status\":" + status
                + ",\"contextId\":\"" + contextId + "\"}");
    }

    FakeTransport then(Result r) {
        script.add(req -> CompletableFuture.completedFuture(r));
        return this;
    }

    FakeTransport then(Function<HttpRequest, CompletableFuture<Result>> answer) {
        script.add(answer);
        return this;
    }

    @Override
    public synchronized CompletableFuture<Result> send(HttpRequest request) {
        requests.add(request);
        if (request.uri().getPath().equals("/oauth/token")) {
            CompletableFuture<Result> f = new CompletableFuture<>();
            if (holdTokens) {
                pendingTokens.add(f);
            } else {
                f.complete(token());
            }
            return f;
        }
        Function<HttpRequest, CompletableFuture<Result>> next = script.poll();
        if (next == null) {
            throw new AssertionError("unexpected request " + request.method() + " " + request.uri());
        }
        return next.apply(request);
    }

    synchronized Result token() {
        tokensIssued++;
        return json(200, "{\"access_token\":\"tok-" + tokensIssued + "\",\"token_type\":\"bearer\",\"expires_in\":"
                + tokenLifetimeSeconds + "}");
    }

    synchronized List<HttpRequest> apiRequests() {
        return requests.stream().filter(r -> !r.uri().getPath().equals("/oauth/token")).toList();
    }

    static String bearer(HttpRequest r) {
        return r.headers().firstValue("Authorization").orElse("");
    }
}
